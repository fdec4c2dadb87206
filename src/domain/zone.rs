//! Whether a `TZ` value that names no zone file is still a POSIX rule such as
//! `CET-1CEST,M3.5.0,M10.5.0/3`, which the clock understands without any file.

/// `std offset [dst [offset] [,start[/time],end[/time]]]`, as POSIX defines `TZ`.
pub fn is_posix_rule(text: &str) -> bool {
    let mut rest = text.trim();
    if !name(&mut rest) || !offset(&mut rest) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    if !name(&mut rest) {
        return false;
    }
    if !rest.is_empty() && !rest.starts_with(',') && !offset(&mut rest) {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let Some(rules) = rest.strip_prefix(',') else {
        return false;
    };
    let parts: Vec<&str> = rules.split(',').collect();
    parts.len() == 2 && parts.iter().all(|part| rule(part))
}

/// Three or more letters, or anything but `>` between angle brackets.
fn name(rest: &mut &str) -> bool {
    if let Some(quoted) = rest.strip_prefix('<') {
        let Some(end) = quoted.find('>') else {
            return false;
        };
        let ok = end >= 3
            && quoted[..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-".contains(c));
        *rest = &quoted[end + 1..];
        return ok;
    }
    let end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    *rest = &rest[end..];
    end >= 3
}

/// `[+-]hh[:mm[:ss]]`, the hours taking at most three digits (as rule times may).
fn offset(rest: &mut &str) -> bool {
    let unsigned = rest.strip_prefix(['+', '-']).unwrap_or(rest);
    let mut parts = 0;
    let mut text = unsigned;
    loop {
        let digits = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let limit = if parts == 0 { 3 } else { 2 };
        if digits == 0 || digits > limit {
            return false;
        }
        text = &text[digits..];
        parts += 1;
        match text.strip_prefix(':') {
            Some(more) if parts < 3 => text = more,
            _ => break,
        }
    }
    *rest = text;
    true
}

/// `Jn`, `n` or `Mm.w.d`, with an optional `/time`.
fn rule(text: &str) -> bool {
    let (date, time) = match text.split_once('/') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let numbers = |s: &str, count: usize| {
        let parts: Vec<&str> = s.split('.').collect();
        parts.len() == count
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let date_ok = match date.strip_prefix('J') {
        Some(day) => numbers(day, 1),
        None => date
            .strip_prefix('M')
            .map_or_else(|| numbers(date, 1), |m| numbers(m, 3)),
    };
    date_ok
        && time.is_none_or(|time| {
            let mut rest = time;
            offset(&mut rest) && rest.is_empty()
        })
}

#[cfg(test)]
mod tests {
    use super::is_posix_rule;

    #[test]
    fn posix_rules_are_recognised() {
        for rule in [
            "UTC0",
            "EST5EDT",
            "CET-1CEST,M3.5.0,M10.5.0/3",
            "<+0330>-3:30",
            "JST-9",
            "NZST-12NZDT,M9.5.0,M4.1.0/3",
        ] {
            assert!(is_posix_rule(rule), "{rule}");
        }
    }

    #[test]
    fn names_without_a_file_are_not_rules() {
        for text in [
            "Mars/Olympus",
            "Europe/Atlantis",
            "UTC",
            "berlin",
            "CET-1CEST,M3.5.0",
            "EST5EDT,x,y",
            "AB1",
        ] {
            assert!(!is_posix_rule(text), "{text}");
        }
    }
}
