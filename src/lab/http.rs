//! `http` checks: one HTTP/1.0 request to a loopback address, by hand over a socket, so
//! the request can never leave the machine and no client crate is needed.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// Answers are capped as program output is.
const BODY_CAP: u64 = super::process::OUTPUT_CAP as u64;
const IO_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    pub address: SocketAddr,
    pub host: String,
    pub path: String,
}

impl Target {
    /// `http://HOST:PORT/PATH` where `HOST` is `127.0.0.1`, `[::1]` or `localhost`; nothing else.
    pub fn parse(url: &str) -> Result<Self, String> {
        let refuse = || {
            format!(
                "url {url:?} is not a loopback http address (http://127.0.0.1, [::1] or localhost, with a port)"
            )
        };
        let rest = url.strip_prefix("http://").ok_or_else(refuse)?;
        let (authority, path) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
        let (host, port) = authority.rsplit_once(':').ok_or_else(refuse)?;
        let port: u16 = port.parse().map_err(|_| refuse())?;
        let ip = match host {
            "127.0.0.1" | "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
            "[::1]" => std::net::Ipv6Addr::LOCALHOST.into(),
            _ => return Err(refuse()),
        };
        if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(refuse());
        }
        Ok(Self {
            address: SocketAddr::new(ip, port),
            host: authority.to_owned(),
            path: path.to_owned(),
        })
    }
}

pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Sends the request, retrying a refused connection until `ready_within` has passed.
pub fn request(
    target: &Target,
    method: &str,
    body: Option<&[u8]>,
    ready_within: Duration,
) -> Result<Answer, String> {
    let deadline = Instant::now() + ready_within;
    let mut stream = loop {
        match TcpStream::connect_timeout(&target.address, IO_TIMEOUT) {
            Ok(stream) => break stream,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                thread::sleep(Duration::from_millis(100));
            }
            Err(e) => return Err(format!("cannot connect to {}: {e}", target.address)),
        }
    };
    let io = |e: std::io::Error| format!("talking to {}: {e}", target.address);
    stream.set_read_timeout(Some(IO_TIMEOUT)).map_err(io)?;
    stream.set_write_timeout(Some(IO_TIMEOUT)).map_err(io)?;
    let body = body.unwrap_or_default();
    let mut head = format!(
        "{method} {} HTTP/1.0\r\nHost: {}\r\nAccept: application/json\r\nContent-Length: {}\r\n",
        target.path,
        target.host,
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).map_err(io)?;
    stream.write_all(body).map_err(io)?;
    let mut answer = Vec::new();
    stream
        .take(BODY_CAP + 16 * 1024)
        .read_to_end(&mut answer)
        .map_err(io)?;
    parse_answer(&answer).ok_or_else(|| format!("{} sent no HTTP answer", target.address))
}

fn parse_answer(bytes: &[u8]) -> Option<Answer> {
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..split]).ok()?;
    let status = head
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(Answer {
        status,
        body: bytes[split + 4..].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_with_a_port_are_accepted() {
        let ok = Target::parse("http://127.0.0.1:8000/health").unwrap();
        assert_eq!(ok.path, "/health");
        assert!(Target::parse("http://localhost:80").is_ok());
        assert!(Target::parse("http://[::1]:9/x").is_ok());
        for bad in [
            "http://10.0.0.1:80/",
            "https://127.0.0.1:443/",
            "http://127.0.0.1/",
            "http://127.0.0.1.evil.example:80/",
            "http://user@127.0.0.1:80/",
            "http://127.0.0.1:80/a b",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_answer_reads_its_status_and_body() {
        let answer = parse_answer(b"HTTP/1.1 200 OK\r\nA: b\r\n\r\n{\"status\":\"ok\"}").unwrap();
        assert_eq!(answer.status, 200);
        assert_eq!(answer.body, b"{\"status\":\"ok\"}");
        assert!(parse_answer(b"garbage").is_none());
    }
}
