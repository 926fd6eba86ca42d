//! A headless Chromium driven over the DevTools protocol, for the browser tests that need more
//! than a dumped DOM: emulated media (print, `prefers-color-scheme: dark`), real key presses (Tab
//! moves the focus as it does for a person), scripts whose result is awaited.
//!
//! The protocol runs over `--remote-debugging-pipe` (JSON messages ended by a NUL byte on file
//! descriptors 3 and 4). The test crate forbids `unsafe`, so the browser is started by `sh` with
//! those descriptors redirected to two named pipes; a reader thread hands each message to the
//! test, which waits for it with a timeout instead of hanging.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long one command or event may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(60);

/// One headless Chromium with one page open, killed when dropped.
pub struct Browser {
    child: std::process::Child,
    to_browser: std::fs::File,
    from_browser: Receiver<Value>,
    /// Events received while waiting for something else, oldest first.
    events: Vec<Value>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium (by any of its usual names) offline, with a profile of its own, and opens
    /// a blank page `width` × `height` CSS pixels large.
    pub fn launch(width: u32, height: u32) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (to, from) = (profile.path().join("to-browser"), profile.path().join("from-browser"));
        let made = std::process::Command::new("mkfifo").arg(&to).arg(&from).status().expect("mkfifo runs");
        assert!(made.success(), "mkfifo failed");
        let script = "for b in chromium chromium-browser google-chrome; do \
                        command -v \"$b\" >/dev/null && exec \"$b\" \"$@\" 3<\"$QMS_TO\" 4>\"$QMS_FROM\"; \
                      done; echo 'no chromium' >&2; exit 127";
        let child = std::process::Command::new("sh")
            .args(["-c", script, "sh"])
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            .args(["--disable-component-update", "--no-first-run", "--remote-debugging-pipe"])
            .arg("--hide-scrollbars")
            .arg(format!("--user-data-dir={}", profile.path().join("profile").display()))
            .env("QMS_TO", &to)
            .env("QMS_FROM", &from)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("sh runs");
        // The same order as the shell's redirections, or both sides wait for each other.
        let to_browser = std::fs::OpenOptions::new().write(true).open(&to).unwrap();
        let reader = std::fs::File::open(&from).unwrap();
        let (sender, from_browser) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(value) = serde_json::from_slice::<Value>(&message)
                    && sender.send(value).is_err()
                {
                    break;
                }
                message.clear();
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser,
            events: Vec::new(),
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].clone();
        let attached = browser.call("Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        browser.session = attached["sessionId"].as_str().unwrap().to_owned();
        browser.call("Page.enable", json!({}));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
        browser
    }

    /// Sends `method` to the page (or to the browser before a page is attached) and returns its
    /// result; a protocol error fails the test.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to_browser.write_all(&bytes).unwrap();
        loop {
            let reply = self.receive(method);
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method}: {}", reply["error"]);
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    fn receive(&mut self, waiting_for: &str) -> Value {
        self.from_browser
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|e| panic!("no answer from Chromium to {waiting_for}: {e}"))
    }

    /// Waits for the event `method` (one already received counts) and returns its parameters.
    pub fn wait_for(&mut self, method: &str) -> Value {
        if let Some(at) = self.events.iter().position(|e| e["method"] == method) {
            return self.events.remove(at)["params"].clone();
        }
        loop {
            let message = self.receive(method);
            if message["method"] == method {
                return message["params"].clone();
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Opens `page` from `file://` and waits until it has loaded.
    pub fn open(&mut self, page: &Path) {
        self.open_url(&format!("file://{}", page.display()));
    }

    /// Opens `url` and waits until it has loaded.
    pub fn open_url(&mut self, url: &str) {
        self.events.clear();
        let navigated = self.call("Page.navigate", json!({ "url": url }));
        assert!(navigated.get("errorText").is_none(), "{url}: {}", navigated["errorText"]);
        self.wait_for("Page.loadEventFired");
    }

    /// Emulates the media type (`"screen"`, `"print"`) and colour scheme (`"light"`, `"dark"`).
    pub fn emulate(&mut self, media: &str, scheme: &str) {
        let features = json!([{ "name": "prefers-color-scheme", "value": scheme }]);
        self.call("Emulation.setEmulatedMedia", json!({ "media": media, "features": features }));
    }

    /// Evaluates `expression` in the page, awaits it if it is a promise and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let params = json!({ "expression": expression, "awaitPromise": true, "returnByValue": true });
        let result = self.call("Runtime.evaluate", params);
        assert!(result.get("exceptionDetails").is_none(), "{}", result["exceptionDetails"]);
        result["result"]["value"].clone()
    }

    /// Presses and releases `key` (a DOM key name: `Tab`, `Enter`, `ArrowDown`, `Escape`, ` `),
    /// with Shift held if `shift`.
    pub fn press(&mut self, key: &str, shift: bool) {
        let (code, virtual_key, text) = match key {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            "Escape" => ("Escape", 27, ""),
            " " => ("Space", 32, " "),
            "ArrowUp" => ("ArrowUp", 38, ""),
            "ArrowDown" => ("ArrowDown", 40, ""),
            other => panic!("no key code for {other}"),
        };
        let modifiers = if shift { 8 } else { 0 };
        let down = if text.is_empty() { "rawKeyDown" } else { "keyDown" };
        for kind in [down, "keyUp"] {
            let params = json!({
                "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": virtual_key,
                "nativeVirtualKeyCode": virtual_key, "modifiers": modifiers,
                "text": if kind == "keyUp" { "" } else { text },
            });
            self.call("Input.dispatchKeyEvent", params);
        }
    }

    /// Types `text` into the focused element, as an input method would.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
