//! The PDF file in one pass, objects written straight to bytes in lopdf's
//! syntax (so the file is byte for byte what `lopdf::Document::save_to`
//! wrote): lopdf's objects and the ones folio serialised itself
//! ([`Prewritten`], the structure tree's tens of thousands of elements in
//! the 10× report, which as lopdf dictionaries cost a map and an
//! allocation per key), merged in object-number order, then the
//! cross-reference table and the trailer.
//!
//! lopdf writes through `dyn Write` and `write!` per number, name byte and
//! hex digit; here everything goes into one `Vec<u8>` sized up front.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Objects already serialised: object number → the object's bytes (as
/// lopdf would write the object itself, without `n 0 obj`).
pub(super) type Prewritten = Vec<(u32, Vec<u8>)>;

/// Upper-case hex digits of every byte, for hex strings (the document
/// `/ID`, UTF-16 text strings).
const HEX: [[u8; 2]; 256] = {
    let digits = b"0123456789ABCDEF";
    let mut t = [[0u8; 2]; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = [digits[i >> 4], digits[i & 15]];
        i += 1;
    }
    t
};

/// Whether lopdf puts a space before this object (after a key or an
/// array's previous element).
fn needs_separator(o: &Object) -> bool {
    matches!(
        o,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// Whether lopdf puts a space after this object before `endobj`.
fn needs_end_separator(o: &Object) -> bool {
    needs_separator(o) || matches!(o, Object::Name(_) | Object::Stream(_))
}

/// Appends an integer.
pub(super) fn integer(out: &mut Vec<u8>, n: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends an indirect reference, `n g R`.
pub(super) fn reference(out: &mut Vec<u8>, (id, generation): ObjectId) {
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(id).as_bytes());
    out.push(b' ');
    out.extend_from_slice(b.format(generation).as_bytes());
    out.extend_from_slice(b" R");
}

/// Appends a name with lopdf's escaping (`#XX` for delimiters and bytes
/// outside 33..=126).
pub(super) fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.push(b'#');
            out.extend_from_slice(&HEX[usize::from(byte)]);
        } else {
            out.push(byte);
        }
    }
}

/// Appends a string as lopdf writes it: a literal escapes backslashes,
/// carriage returns and unbalanced parentheses; hex is upper case.
pub(super) fn string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let mut escape = Vec::new();
            let mut open = Vec::new();
            for (i, &byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(i),
                    b')' if open.pop().is_none() => escape.push(i),
                    b'\\' | b'\r' => escape.push(i),
                    _ => {}
                }
            }
            escape.append(&mut open);
            out.push(b'(');
            if escape.is_empty() {
                out.extend_from_slice(text);
            } else {
                escape.sort_unstable();
                let mut next = escape.iter().peekable();
                for (i, &byte) in text.iter().enumerate() {
                    if next.peek() == Some(&&i) {
                        next.next();
                        out.push(b'\\');
                        out.push(if byte == b'\r' { b'r' } else { byte });
                    } else {
                        out.push(byte);
                    }
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for &byte in text {
                out.extend_from_slice(&HEX[usize::from(byte)]);
            }
            out.push(b'>');
        }
    }
}

/// Appends a PDF text string: ASCII as a literal, anything else as
/// UTF-16BE with a byte-order mark, in hex (as [`super::text_string`]).
pub(super) fn text_string(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        string(out, s.as_bytes(), StringFormat::Literal);
    } else {
        out.push(b'<');
        out.extend_from_slice(b"FEFF");
        for u in s.encode_utf16() {
            for byte in u.to_be_bytes() {
                out.extend_from_slice(&HEX[usize::from(byte)]);
            }
        }
        out.push(b'>');
    }
}

/// Appends any lopdf object.
pub(super) fn object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(n) => integer(out, *n),
        Object::Real(x) => {
            use std::io::Write;
            // lopdf writes f32's Display; so does this, for the same bytes.
            let _ = write!(out, "{x}");
        }
        Object::Name(n) => name(out, n),
        Object::String(s, format) => string(out, s, *format),
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 && needs_separator(o) {
                    out.push(b' ');
                }
                object(out, o);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        Object::Stream(s) => {
            dictionary(out, &s.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => reference(out, *id),
    }
}

/// Appends a dictionary, keys in their order.
pub(super) fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in d {
        name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Appends `key value` inside a dictionary being written by hand.
pub(super) fn key_reference(out: &mut Vec<u8>, key: &[u8], id: ObjectId) {
    name(out, key);
    out.push(b' ');
    reference(out, id);
}

/// Appends `key integer` inside a dictionary being written by hand.
pub(super) fn key_integer(out: &mut Vec<u8>, key: &[u8], n: i64) {
    name(out, key);
    out.push(b' ');
    integer(out, n);
}

/// The whole file: header, every object (lopdf's and `prewritten`, which
/// must use numbers lopdf's do not), cross-reference table and trailer.
/// Always a classic table, as printpdf's documents have (lopdf would
/// write a cross-reference stream for a document that asked for one).
pub(super) fn save(ld: &lopdf::Document, mut prewritten: Prewritten) -> Vec<u8> {
    prewritten.sort_unstable_by_key(|(id, _)| *id);
    let streams: usize = ld
        .objects
        .values()
        .map(|o| match o {
            Object::Stream(s) => s.content.len(),
            _ => 0,
        })
        .sum();
    let raw: usize = prewritten.iter().map(|(_, b)| b.len() + 32).sum();
    let size = ld.max_id + 1;
    let mut out =
        Vec::with_capacity(streams + raw + ld.objects.len() * 160 + size as usize * 20 + 4096);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(ld.version.as_bytes());
    out.push(b'\n');
    out.push(b'%');
    out.extend_from_slice(&ld.binary_mark);
    out.push(b'\n');
    // Offsets by object number; 0 where there is none.
    let mut offsets = vec![0usize; size as usize];
    let mut present = vec![false; size as usize];
    let mut raw = prewritten.into_iter().peekable();
    let mut header = |out: &mut Vec<u8>, id: u32, generation: u16| {
        if let (Some(o), Some(p)) = (offsets.get_mut(id as usize), present.get_mut(id as usize)) {
            *o = out.len();
            *p = true;
        }
        let mut b = itoa::Buffer::new();
        out.extend_from_slice(b.format(id).as_bytes());
        out.push(b' ');
        out.extend_from_slice(b.format(generation).as_bytes());
        out.extend_from_slice(b" obj\n");
    };
    for (&(id, generation), o) in &ld.objects {
        while let Some((r, bytes)) = raw.next_if(|(r, _)| *r < id) {
            header(&mut out, r, 0);
            out.extend_from_slice(&bytes);
            out.extend_from_slice(b"\nendobj\n");
        }
        // lopdf leaves out object and cross-reference streams and
        // linearisation dictionaries (folio writes none).
        if matches!(
            o.type_name(),
            Ok(b"ObjStm") | Ok(b"XRef") | Ok(b"Linearized")
        ) {
            continue;
        }
        header(&mut out, id, generation);
        if needs_separator(o) {
            out.push(b' ');
        }
        object(&mut out, o);
        if needs_end_separator(o) {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    for (r, bytes) in raw {
        header(&mut out, r, 0);
        out.extend_from_slice(&bytes);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_start = out.len();
    xref(&mut out, &offsets, &present);
    out.extend_from_slice(b"trailer\n");
    let mut trailer = ld.trailer.clone();
    trailer.set("Size", i64::from(size));
    dictionary(&mut out, &trailer);
    out.extend_from_slice(b"\nstartxref\n");
    out.extend_from_slice(itoa::Buffer::new().format(xref_start).as_bytes());
    out.extend_from_slice(b"\n%%EOF");
    out
}

/// The cross-reference table as lopdf writes it: a subsection per run of
/// consecutive object numbers, object 0 the head of the free list.
fn xref(out: &mut Vec<u8>, offsets: &[usize], present: &[bool]) {
    out.extend_from_slice(b"xref\n");
    let mut start = 0usize;
    let mut entries: Vec<u8> = b"0000000000 65535 f \n".to_vec();
    let mut count = 1usize;
    let flush = |out: &mut Vec<u8>, start: usize, count: usize, entries: &mut Vec<u8>| {
        if count > 0 {
            let mut b = itoa::Buffer::new();
            out.extend_from_slice(b.format(start).as_bytes());
            out.push(b' ');
            out.extend_from_slice(b.format(count).as_bytes());
            out.push(b'\n');
            out.append(entries);
        }
    };
    for id in 1..offsets.len() {
        if count == 0 {
            start = id;
        }
        if present[id] {
            let digits = itoa::Buffer::new().format(offsets[id]).len();
            entries.extend(std::iter::repeat_n(b'0', 10usize.saturating_sub(digits)));
            entries.extend_from_slice(itoa::Buffer::new().format(offsets[id]).as_bytes());
            entries.extend_from_slice(b" 00000 n \n");
            count += 1;
        } else if count > 0 {
            flush(out, start, count, &mut entries);
            count = 0;
            start = id;
        }
    }
    flush(out, start, count, &mut entries);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document as printpdf makes them: a classic cross-reference table
    /// (what [`save`] writes; lopdf's own default is a stream).
    fn document() -> lopdf::Document {
        let mut ld = lopdf::Document::with_version("1.7");
        ld.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        ld
    }

    /// A document of every kind of object, with a gap in its numbers and
    /// strings that need escaping: the same bytes as lopdf's writer.
    #[test]
    fn same_bytes_as_lopdf() {
        let mut ld = document();
        let a = ld.add_object(Object::Null);
        ld.add_object(Object::Boolean(true));
        ld.add_object(Object::Integer(-3));
        ld.add_object(Object::Real(0.1));
        ld.add_object(Object::Name(b"A b#(".to_vec()));
        ld.new_object_id();
        ld.add_object(Object::String(
            b"x(y))\\\r(".to_vec(),
            StringFormat::Literal,
        ));
        ld.add_object(Object::String(
            vec![0, 0xAB, 0xFF],
            StringFormat::Hexadecimal,
        ));
        let mut d = Dictionary::new();
        d.set(
            "K",
            Object::Array(vec![Object::Reference(a), Object::Integer(1)]),
        );
        d.set("S", Object::Name(b"P".to_vec()));
        d.set("N", Object::Null);
        ld.add_object(Object::Dictionary(d.clone()));
        ld.add_object(lopdf::Stream::new(d, b"BT ET".to_vec()));
        ld.trailer.set("Root", Object::Reference(a));
        let mut expected = Vec::new();
        ld.clone().save_to(&mut expected).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&save(&ld, Vec::new())),
            String::from_utf8_lossy(&expected)
        );
    }

    /// Prewritten objects take their place in number order.
    #[test]
    fn prewritten_objects_in_order() {
        let mut ld = document();
        ld.add_object(Object::Integer(1));
        let raw = ld.new_object_id();
        ld.add_object(Object::Integer(3));
        let mut with_lopdf = ld.clone();
        with_lopdf.objects.insert(raw, Object::Name(b"X".to_vec()));
        let mut expected = Vec::new();
        with_lopdf.save_to(&mut expected).unwrap();
        let got = save(&ld, vec![(raw.0, b"/X ".to_vec())]);
        assert_eq!(got, expected);
    }

    /// Text strings: ASCII literal, other text UTF-16BE in hex.
    #[test]
    fn text_strings() {
        let mut out = Vec::new();
        text_string(&mut out, "a(b");
        text_string(&mut out, "é");
        assert_eq!(out, b"(a\\(b)<FEFF00E9>");
    }
}
