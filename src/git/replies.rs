//! The replies of `git cat-file --batch` (`<id> blob <size>\n<bytes>\n`), read in large pieces
//! into one buffer that lends each blob in turn: no allocation, zeroing or copy per blob (a
//! long history has tens of thousands of them, a hundred megabytes and more).

use git2::Oid;
use std::io::Read;

/// The output of `git cat-file --batch`, lent one blob at a time.
pub(super) struct ReplyReader<R> {
    source: R,
    buffer: Vec<u8>,
    /// What is read and not yet taken: `buffer[start..end]`.
    start: usize,
    end: usize,
}

impl<R: Read> ReplyReader<R> {
    pub(super) fn new(source: R) -> Self {
        ReplyReader { source, buffer: vec![0; 1 << 20], start: 0, end: 0 }
    }

    /// Reads until `count` bytes are waiting; false if the output ends (or fails) first.
    fn fill(&mut self, count: usize) -> bool {
        while self.end - self.start < count {
            if self.start + count > self.buffer.len() {
                self.buffer.copy_within(self.start..self.end, 0);
                (self.start, self.end) = (0, self.end - self.start);
                if count > self.buffer.len() {
                    self.buffer.resize(count.next_power_of_two(), 0);
                }
            }
            match self.source.read(&mut self.buffer[self.end..]) {
                Ok(0) => return false,
                Ok(read) => self.end += read,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
        true
    }

    /// The next line, without its line feed (a reply's header: short).
    fn line(&mut self) -> Option<&[u8]> {
        const LONGEST: usize = 4096;
        let mut searched = 0;
        loop {
            let waiting = &self.buffer[self.start + searched..self.end];
            if let Some(at) = waiting.iter().position(|&b| b == b'\n') {
                let line = self.start..self.start + searched + at;
                self.start = line.end + 1;
                return Some(&self.buffer[line]);
            }
            searched = self.end - self.start;
            if searched > LONGEST || !self.fill(searched + 1) {
                return None;
            }
        }
    }

    /// Reads one reply, `<id> blob <size>\n<bytes>\n`, and lends its bytes. `None` for
    /// anything else (`<id> missing`, another type, a broken pipe).
    pub(super) fn next_blob(&mut self, id: Oid) -> Option<&[u8]> {
        let header = std::str::from_utf8(self.line()?).ok()?;
        let mut fields = header.trim_end().split(' ');
        let (Some(name), Some("blob"), Some(size), None) = (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return None;
        };
        if Oid::from_str(name).ok()? != id {
            return None;
        }
        let size: usize = size.parse().ok()?;
        if !self.fill(size.checked_add(1)?) {
            return None;
        }
        let bytes = self.start..self.start + size;
        self.start = bytes.end + 1;
        (self.buffer[bytes.end] == b'\n').then(|| &self.buffer[bytes])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that gives at most 7 bytes a read, as a pipe may.
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let end = buf.len().min(7);
            self.0.read(&mut buf[..end])
        }
    }

    #[test]
    fn blobs_are_lent_in_turn_across_reads_of_any_size() {
        let (a, b) = (Oid::from_str(&"a".repeat(40)).unwrap(), Oid::from_str(&"b".repeat(40)).unwrap());
        let big = vec![b'x'; 3 << 20];
        let mut output = format!("{a} blob 5\nhello\n{b} blob {}\n", big.len()).into_bytes();
        output.extend_from_slice(&big);
        output.extend_from_slice(format!("\n{a} blob 0\n\n{b} missing\n").as_bytes());
        let mut replies = ReplyReader::new(Trickle(std::io::Cursor::new(output)));
        assert_eq!(replies.next_blob(a), Some(&b"hello"[..]));
        assert_eq!(replies.next_blob(b).map(<[u8]>::len), Some(big.len()));
        assert_eq!(replies.next_blob(a), Some(&b""[..]));
        assert_eq!(replies.next_blob(b), None);
        assert_eq!(replies.next_blob(a), None);
    }
}
