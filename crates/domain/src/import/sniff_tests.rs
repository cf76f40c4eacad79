use super::*;

fn utf16(text: &str, order: ByteOrder, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = if bom {
        "\u{FEFF}".encode_utf16().chain(text.encode_utf16()).collect::<Vec<_>>()
    } else {
        text.encode_utf16().collect()
    };
    for u in units {
        out.extend(match order {
            ByteOrder::Little => u.to_le_bytes(),
            ByteOrder::Big => u.to_be_bytes(),
        });
    }
    out
}

#[test]
fn workbooks_are_known_by_their_magic() {
    assert_eq!(sniff(b"PK\x03\x04\x14\x00\x06\x00"), Sniffed::Xlsx);
    assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Sniffed::Xls);
}

#[test]
fn boms_decide() {
    assert_eq!(sniff(b"\xEF\xBB\xBFname\n"), Sniffed::Utf8 { bom: true });
    let text = "name\t客户名称\n卢伟\tx\n";
    assert_eq!(sniff(&utf16(text, ByteOrder::Little, true)), Sniffed::Utf16 { order: ByteOrder::Little, bom: true });
    assert_eq!(sniff(&utf16(text, ByteOrder::Big, true)), Sniffed::Utf16 { order: ByteOrder::Big, bom: true });
}

#[test]
fn utf16_without_a_bom_is_seen_by_its_zero_bytes() {
    let text = "name\tcompany\nLu Wei\t华信\n";
    assert_eq!(sniff(&utf16(text, ByteOrder::Little, false)), Sniffed::Utf16 { order: ByteOrder::Little, bom: false });
    assert_eq!(sniff(&utf16(text, ByteOrder::Big, false)), Sniffed::Utf16 { order: ByteOrder::Big, bom: false });
    assert_eq!(sniff(b"name\nx\n"), Sniffed::Utf8 { bom: false });
}

#[test]
fn utf8_gbk_and_both() {
    assert_eq!(sniff("name\n王芳\n".as_bytes()), Sniffed::Utf8OrGbk);
    // 王芳 in GBK: CD F5 B7 BC, not UTF-8.
    assert_eq!(sniff(b"name\n\xCD\xF5\xB7\xBC\n"), Sniffed::Gbk);
    // 卢伟 in GBK (C2 AC CE B0) is valid UTF-8 (¬ΰ).
    assert_eq!(sniff(b"name\n\xC2\xAC\xCE\xB0\n"), Sniffed::Utf8OrGbk);
}

#[test]
fn the_ordinary_reading_wins() {
    // GBK bytes that are valid UTF-8: read as UTF-8 they are Latin-1 symbols and stray letters.
    assert_eq!(choose("name,company\n¬ΰ,³Ѹ\n", "name,company\n卢伟,鲁迅\n"), Reading::Gbk);
    // UTF-8 Chinese read as GBK is rare ideographs and replacement marks: UTF-8 stays.
    assert_eq!(choose("客户名称\n王芳\n", "瀹㈡埛鍚嶇О\n鐜嬭姵\n"), Reading::Utf8);
    assert_eq!(choose("name\ncafé\n", "name\ncaf茅\n"), Reading::Utf8);
    // A tie keeps UTF-8.
    assert_eq!(choose("a", "a"), Reading::Utf8);
}

#[test]
fn real_text_in_utf8_stays_utf8() {
    // Each of these UTF-8 texts is valid GBK too (one ideograph per two bytes).
    for text in ["Acme®", "25°C", "120 m²", "Müller", "Иван", "Αθήνα", "½ price", "王芳"] {
        let gbk: String = {
            let bytes = text.as_bytes();
            // The GBK reading is never more ordinary than the real one: take ideographs.
            bytes.chunks(2).map(|_| '茅').collect()
        };
        assert_eq!(choose(text, &gbk), Reading::Utf8, "{text}");
    }
}

#[test]
fn ordinariness_counts_beyond_ascii() {
    assert_eq!(ordinariness("卢伟, 鲁迅。"), (5, 5));
    assert_eq!(ordinariness("ab ¬ΰ³Ѹ"), (1, 4));
    assert_eq!(ordinariness("│\u{E000}"), (-2, 2));
}

#[test]
fn delimiters_by_consistent_counts_outside_quotes() {
    assert_eq!(delimiter("name,company\nA,B\n"), Delimiter::Comma);
    assert_eq!(delimiter("name;company;phone\nA;\"B, Ltd; x\";1\nC;D;2\n"), Delimiter::Semicolon);
    assert_eq!(delimiter("\u{FEFF}name\tcompany\n卢伟\t华信, 上海\n"), Delimiter::Tab);
    // A comma file whose notes hold semicolons: the header and every row agree on commas.
    assert_eq!(delimiter("name,notes\nA,x;y;z\nB,\"p;q\"\n"), Delimiter::Comma);
    // One column: nothing to tell, a comma.
    assert_eq!(delimiter("name\nA\n"), Delimiter::Comma);
    // A quoted cell across lines does not count as a row.
    assert_eq!(delimiter("name;notes\nA;\"one\ntwo,three,four\"\nB;x\n"), Delimiter::Semicolon);
}
