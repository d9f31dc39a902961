//! Raw HTTP against a mock started in-process.
#![allow(dead_code)]

use serde_json::Value;
use vpskit_mock::{fleet, MockServer, Settings};

pub const KEY: &str = fleet::SAMPLE_KEY;

pub struct Mock {
    pub server: MockServer,
    agent: ureq::Agent,
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn message(&self) -> String {
        self.json()["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Mock {
    pub fn start() -> Mock {
        let server = MockServer::start(Settings::default()).expect("mock starts");
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(std::time::Duration::from_secs(10)))
            .build()
            .into();
        Mock { server, agent }
    }

    /// Sends a request below the base URL (`/servers`) or to an absolute path (`/__mock/…`).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<&str>,
    ) -> Result<Answer, ureq::Error> {
        let url = if path.starts_with("/__mock") || path.starts_with("/api") {
            format!("{}{}", self.server.origin(), path)
        } else {
            format!("{}{}", self.server.base_url(), path)
        };
        let mut builder = ureq::http::Request::builder().method(method).uri(url);
        if let Some(key) = key {
            builder = builder.header("Authorization", format!("Bearer {key}"));
        }
        if body.is_some() {
            builder = builder.header("Content-Type", "application/json");
        }
        let request = builder
            .body(body.unwrap_or_default().as_bytes().to_vec())
            .expect("request");
        let mut response = self.agent.run(request)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let text = response.body_mut().read_to_string()?;
        Ok(Answer {
            status,
            headers,
            text,
        })
    }

    pub fn get(&self, path: &str) -> Answer {
        self.send("GET", path, Some(KEY), None).expect("answer")
    }

    pub fn post(&self, path: &str, body: Option<&str>) -> Answer {
        self.send("POST", path, Some(KEY), body).expect("answer")
    }

    pub fn admin(&self, method: &str, path: &str, body: Option<&str>) -> Answer {
        self.send(method, path, None, body).expect("admin answer")
    }

    pub fn fault(&self, fault: Value) {
        let answer = self.admin("POST", "/__mock/faults", Some(&fault.to_string()));
        assert_eq!(answer.status, 200, "{}", answer.text);
    }

    pub fn requests(&self) -> Vec<Value> {
        self.admin("GET", "/__mock/requests", None).json()["requests"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}
