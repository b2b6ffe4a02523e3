//! Where code came from: [`Source`] (a name, the text and its first line
//! number) and [`Span`] (a byte range into that text).
//!
//! Scripts are parsed a command at a time, so one file may be cut into
//! several sources; each remembers the line it starts on so that positions
//! are reported as the user sees them in the file.

/// A byte range `start..end` in a [`Source`]'s text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: clamp_u32(start),
            end: clamp_u32(end),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Code and the name it is reported under (`script.sh`, `-c`, `stdin`, …).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: Vec<u8>,
    pub text: Vec<u8>,
    /// The 1-based line number of the text's first line.
    pub first_line: usize,
}

/// A position for humans: 1-based line and column (column counts bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl Source {
    pub fn new(name: impl Into<Vec<u8>>, text: impl Into<Vec<u8>>) -> Source {
        Source {
            name: name.into(),
            text: text.into(),
            first_line: 1,
        }
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = (offset as usize).min(self.text.len());
        let before = &self.text[..offset];
        let newlines = before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        LineCol {
            line: self.first_line + newlines,
            column: offset - line_start + 1,
        }
    }

    /// The text of the line containing `offset`, without its newline.
    pub fn line_text(&self, offset: u32) -> &[u8] {
        let offset = (offset as usize).min(self.text.len());
        let start = self.text[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = self.text[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.text.len(), |i| offset + i);
        &self.text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_first_line() {
        let mut s = Source::new("f", "ab\ncd\n");
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(4), LineCol { line: 2, column: 2 });
        s.first_line = 10;
        assert_eq!(s.line_col(3).line, 11);
        assert_eq!(s.line_text(4), b"cd");
    }
}
