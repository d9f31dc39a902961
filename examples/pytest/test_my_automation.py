import vpskit


# README:start
def test_reboot_survives_a_busy_gateway(vpskit_mock, faithserver_client):
    vpskit_mock.fault("status", status=503, path_prefix="/servers", method="GET")
    server = faithserver_client.list_servers()[0]          # the 503 is retried
    faithserver_client.reboot(server)
    assert [(r.method, r.status) for r in vpskit_mock.requests()] == [
        ("GET", 503), ("GET", 200), ("POST", 200)]
    assert all(r.authorization == "bearer" for r in vpskit_mock.requests())
# README:end


def test_a_rate_limit_reaches_the_caller(vpskit_mock):
    vpskit_mock.fault("rate_limit", retry_after=120, count=5)
    client = vpskit_mock.faithserver_client(retry=vpskit.RetryPolicy(max_attempts=1))
    try:
        client.list_servers()
    except vpskit.RateLimitedError as error:
        assert error.retry_after == 120
    else:
        raise AssertionError("the 429 was not raised")
