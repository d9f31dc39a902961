"""No key, password, console URL or credential is shown by repr, str, vars, pickle or logging."""

from __future__ import annotations

import json
import logging
import pickle
from typing import Any, List

import pytest

import vpskit
from vpskit import FaithServerClient, operations

from conftest import KEY, Mock

SECRETS = [KEY, "PasswordKuat123!", "token=", "Gen-", "panel-fsrv", "InitialRootPw1!"]


def shown(value: Any) -> List[str]:
    texts = [repr(value), str(value), f"{value}"]
    try:
        texts.append(repr(vars(value)))
    except TypeError:
        pass
    try:
        texts.append(repr(pickle.dumps(value)))
    except (TypeError, pickle.PicklingError, AttributeError):
        pass
    return texts


def assert_hidden(*values: Any) -> None:
    for value in values:
        for text in shown(value):
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} shown in {text[:200]}"


def test_every_public_type_hides_secrets(mock: Mock, caplog: pytest.LogCaptureFixture) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    console = c.get_console("fsrv_111")
    generated = c.reset_password("fsrv_111")
    credentials = c.list_credentials("fsrv_111")
    custom = c.reset_password("fsrv_158", password="PasswordKuat123!")
    op = operations.reinstall("fsrv_158", os_id="1109", password="PasswordKuat123!")
    request = operations.build_request(op, vpskit.Config("faithserver", KEY))
    try:
        c.get_console("fsrv_158")
    except vpskit.VpskitError as e:
        error = e
    assert_hidden(c, vpskit.Config("faithserver", KEY), console, console.url, generated, generated.generated_password,
                  credentials, credentials[0], custom, op, request, error, console.raw, console.to_dict())
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").info("client=%s console=%r creds=%r request=%r op=%s", c, console, credentials, request, op)
    for secret in SECRETS:
        assert secret not in caplog.text


def test_secrets_are_reachable_explicitly(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    console = c.get_console("fsrv_111")
    assert "token=" in console.url.expose()
    assert "token=" in console.to_dict(expose_secrets=True)["url"]
    assert console.to_dict()["url"] == {"$secret": "[redacted]"}


def test_pickling_refuses_what_would_write_a_secret(mock: Mock) -> None:
    c = FaithServerClient(KEY, base_url=mock.base_url)
    for value in (c, vpskit.Config("faithserver", KEY), vpskit.Secret("x"), c.get_console("fsrv_111")):
        with pytest.raises(TypeError):
            pickle.dumps(value)
    servers = c.list_servers()
    assert pickle.loads(pickle.dumps(servers)) == servers
    error = vpskit.NotFoundError("Server not found.", status=404, code="server_not_found")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.status, again.code) == (vpskit.NotFoundError, 404, "server_not_found")


def test_list_items_keep_unmodelled_secrets_wrapped() -> None:
    # A list item's unmodelled sensitive member is a Secret too, and an object that has a `$secret`
    # member among others stays a dict (whose `$secret` member, a sensitive name, is itself
    # wrapped).
    body = json.dumps({"success": True, "data": [
        {"id": "fsrv_1", "product": "Budget VPS", "allowed_actions": []},
        {"id": "fsrv_2", "product": "Budget VPS", "allowed_actions": [], "root_password": "InitialRootPw1!",
         "note": {"$secret": "x", "y": 1}, "tag": {"$secret": "t"}},
    ]}).encode()
    servers = operations.parse_response(operations.list_servers(), vpskit.Response(200, [], body))
    assert servers[0].extra == {}
    extra = servers[1].extra
    assert isinstance(extra["root_password"], vpskit.Secret)
    assert extra["root_password"].expose() == "InitialRootPw1!"
    assert isinstance(extra["note"], dict) and extra["note"]["y"] == 1
    assert isinstance(extra["note"]["$secret"], vpskit.Secret)
    assert isinstance(extra["tag"], vpskit.Secret)
    assert "InitialRootPw1!" not in repr(servers[1])
