//! What the revisions after a signature changed: the signed revision's objects compared with
//! the file's final ones, object by object, as a viewer would show them. This is where the
//! Incremental Saving Attack and the shadow attacks (hide, replace, hide-and-replace) show:
//! whatever the later cross-reference data points at, a changed page, font, resource or
//! catalog entry is a change to what was signed.

use super::find::is_signature;
use super::report::Note;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How far later changes go, least first (DocMDP's scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing.
    None,
    /// The DSS, document timestamps, metadata.
    Dss,
    /// Filling fields and signing (new signature fields with their widgets).
    FormFilling,
    /// Annotations added or changed.
    Annotations,
    /// Anything else: pages, their content and resources, the catalog.
    Other,
}

impl Level {
    /// The name `later_changes` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Dss => "dss",
            Level::FormFilling => "form-filling",
            Level::Annotations => "annotations",
            Level::Other => "other",
        }
    }
}

/// One change after a signature.
#[derive(Debug, Clone)]
pub struct Change {
    /// How far it goes.
    pub level: Level,
    /// What it is (`code` among `dss`, `signature`, `form-filling`, `metadata`,
    /// `modified-page`, `overlay`, `open-action`, `modified-object`).
    pub note: Note,
}

fn change(level: Level, code: &'static str, en: String, vi: String) -> Change {
    Change { level, note: Note::new(code, en, vi) }
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name(d: &Dictionary, key: &[u8]) -> Option<Vec<u8>> {
    d.get(key).ok().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec)
}

/// Whether two objects say the same: a string's form (literal or hex) and the order of a
/// dictionary's keys do not count, as a writer may change them without changing anything.
pub fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => x == y,
        (Object::Array(x), Object::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Object::Dictionary(x), Object::Dictionary(y)) => same_dict(x, y, &[]),
        (Object::Stream(x), Object::Stream(y)) => same_dict(&x.dict, &y.dict, &[]) && x.content == y.content,
        (Object::Real(x), Object::Integer(y)) | (Object::Integer(y), Object::Real(x)) => (*x as f64 - *y as f64).abs() < 1e-9,
        _ => a == b,
    }
}

/// Whether two dictionaries say the same, leaving out some keys.
fn same_dict(a: &Dictionary, b: &Dictionary, except: &[&[u8]]) -> bool {
    let keys = |d: &Dictionary| -> BTreeSet<Vec<u8>> { d.iter().map(|(k, _)| k.clone()).filter(|k| !except.contains(&k.as_slice())).collect() };
    keys(a) == keys(b)
        && keys(a).iter().all(|k| match (a.get(k), b.get(k)) {
            (Ok(x), Ok(y)) => same(x, y),
            _ => false,
        })
}

fn same_opt(a: Option<&Object>, b: Option<&Object>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same(x, y),
        (None, None) => true,
        _ => false,
    }
}

fn ids(ids: &BTreeSet<ObjectId>) -> String {
    let v: Vec<String> = ids.iter().take(12).map(|(n, g)| format!("{n} {g}")).collect();
    let more = ids.len().saturating_sub(12);
    if more > 0 { format!("{} and {more} more", v.join(", ")) } else { v.join(", ") }
}

/// Catalog keys a later revision may change: the form, the DSS, metadata, the extension and
/// version marks signing tools add, and the structure tree (a tagged file's new widget is
/// tagged there; it draws nothing). The rest (pages, names, actions, outlines) is signed.
const CATALOG_FORM: &[&[u8]] = &[b"AcroForm", b"DSS", b"Metadata", b"Extensions", b"Version", b"StructTreeRoot"];

/// Keys not followed when collecting what a signature protects: back links, the page's
/// annotations and the structure tree's links to them (judged on their own).
const NOT_FOLLOWED: &[&[u8]] = &[b"Annots", b"Parent", b"P", b"Obj", b"Metadata"];

/// Widget and field keys filling a form may change.
const FILLING: &[&[u8]] = &[b"V", b"AP", b"AS", b"MK", b"DA", b"M", b"Ff", b"Lock", b"SV", b"Kids"];

/// Every change from `before` (the signed revision) to `after` (the file).
pub fn compare(before: &Document, after: &Document) -> Vec<Change> {
    let mut out = Vec::new();
    let root = |d: &Document| d.trailer.get(b"Root").ok().and_then(|r| r.as_reference().ok());
    let (Some(rb), Some(ra)) = (root(before), root(after)) else {
        out.push(change(Level::Other, "modified-object", "the document catalog cannot be found".into(), "không tìm thấy từ điển gốc (catalog) của tệp".into()));
        return out;
    };
    if rb != ra {
        out.push(change(
            Level::Other,
            "modified-object",
            format!("the document catalog was replaced (object {} {} → {} {})", rb.0, rb.1, ra.0, ra.1),
            format!("từ điển gốc của tệp đã bị thay (đối tượng {} {} → {} {})", rb.0, rb.1, ra.0, ra.1),
        ));
        return out;
    }
    let (Ok(cb), Ok(ca)) = (before.get_dictionary(rb), after.get_dictionary(ra)) else {
        out.push(change(Level::Other, "modified-object", "the document catalog cannot be read".into(), "không đọc được từ điển gốc của tệp".into()));
        return out;
    };
    catalog(before, after, cb, ca, &mut out);
    structure(before, after, cb, ca, &mut out);
    let pages_b: BTreeMap<u32, ObjectId> = before.get_pages();
    let pages_a: BTreeMap<u32, ObjectId> = after.get_pages();
    page_tree(&pages_b, &pages_a, &mut out);
    protected(before, after, rb, &pages_b, &mut out);
    annotations(before, after, &pages_a, &mut out);
    form(before, after, cb, ca, &mut out);
    info(before, after, &mut out);
    out
}

fn catalog(before: &Document, after: &Document, cb: &Dictionary, ca: &Dictionary, out: &mut Vec<Change>) {
    let keys: BTreeSet<Vec<u8>> = cb.iter().chain(ca.iter()).map(|(k, _)| k.clone()).collect();
    for k in keys {
        let (b, a) = (cb.get(&k).ok(), ca.get(&k).ok());
        if same_opt(b, a) {
            continue;
        }
        let key = String::from_utf8_lossy(&k).into_owned();
        match k.as_slice() {
            b"DSS" => out.push(change(Level::Dss, "dss", "the DSS (validation data) was added or updated".into(), "kho dữ liệu xác thực (DSS) được thêm hoặc cập nhật".into())),
            b"Metadata" | b"Extensions" | b"Version" => out.push(change(Level::Dss, "metadata", format!("the catalog's /{key} was updated"), format!("mục /{key} của từ điển gốc được cập nhật"))),
            b"AcroForm" => {}       // judged field by field
            b"StructTreeRoot" => {} // judged below, as a whole
            b"OpenAction" | b"AA" => out.push(change(
                Level::Other,
                "open-action",
                format!("an action run on opening (/{key}) was added or changed after signing"),
                format!("một lệnh tự chạy khi mở tệp (/{key}) được thêm hoặc sửa sau khi ký"),
            )),
            b"Names" if a.and_then(|a| dict_of(after, a)).is_some_and(|n| n.has(b"JavaScript")) && !b.and_then(|b| dict_of(before, b)).is_some_and(|n| n.has(b"JavaScript")) => {
                out.push(change(Level::Other, "open-action", "JavaScript was added to the document after signing".into(), "JavaScript được thêm vào tệp sau khi ký".into()))
            }
            b"Pages" => out.push(change(Level::Other, "modified-page", "the page tree was replaced".into(), "cây trang đã bị thay".into())),
            _ => out.push(change(Level::Other, "modified-object", format!("the catalog's /{key} changed after signing"), format!("mục /{key} của từ điển gốc bị sửa sau khi ký"))),
        }
    }
}

/// The structure tree: signing tools tag the widget they add. Any change there is reported at
/// the level of form filling; it changes no page.
fn structure(before: &Document, after: &Document, cb: &Dictionary, ca: &Dictionary, out: &mut Vec<Change>) {
    let (Some(b), Some(a)) = (cb.get(b"StructTreeRoot").ok(), ca.get(b"StructTreeRoot").ok()) else {
        if cb.has(b"StructTreeRoot") != ca.has(b"StructTreeRoot") {
            out.push(change(Level::Other, "modified-object", "the structure tree was added or removed after signing".into(), "cây cấu trúc được thêm hoặc xóa sau khi ký".into()));
        }
        return;
    };
    // Everything the tree reaches, in both revisions (pages and annotations excepted).
    let reach = |doc: &Document, o: &Object| -> Vec<ObjectId> {
        let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack = Vec::new();
        refs(o, None, &mut stack);
        while let Some((id, _)) = stack.pop() {
            if seen.len() > 1_000_000 || !seen.insert(id) {
                continue;
            }
            if let Some(Object::Dictionary(d)) = doc.objects.get(&id) {
                if matches!(name(d, b"Type").as_deref(), Some(b"Page" | b"Annot")) {
                    continue;
                }
                d.iter().filter(|(k, _)| !matches!(k.as_slice(), b"Pg" | b"Obj" | b"P" | b"Parent")).for_each(|(_, v)| refs(v, None, &mut stack));
            } else if let Some(Object::Array(arr)) = doc.objects.get(&id) {
                arr.iter().for_each(|v| refs(v, None, &mut stack));
            }
        }
        seen.into_iter().collect()
    };
    let changed = !same(b, a) || reach(before, b).into_iter().any(|id| !before.objects.get(&id).zip(after.objects.get(&id)).is_some_and(|(x, y)| same(x, y)));
    if changed {
        out.push(change(Level::FormFilling, "structure", "the structure tree (tags) was updated".into(), "cây cấu trúc (thẻ) được cập nhật".into()));
    }
}

fn page_tree(pb: &BTreeMap<u32, ObjectId>, pa: &BTreeMap<u32, ObjectId>, out: &mut Vec<Change>) {
    let before: HashSet<ObjectId> = pb.values().copied().collect();
    let after: HashSet<ObjectId> = pa.values().copied().collect();
    let added: Vec<u32> = pa.iter().filter(|(_, id)| !before.contains(id)).map(|(n, _)| *n).collect();
    let removed = pb.values().filter(|id| !after.contains(id)).count();
    if !added.is_empty() {
        let list = added.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        out.push(change(Level::Other, "modified-page", format!("pages were added after signing: {list}"), format!("trang được thêm sau khi ký: {list}")));
    }
    if removed > 0 {
        out.push(change(Level::Other, "modified-page", format!("{removed} signed page(s) were removed"), format!("{removed} trang đã ký bị xóa")));
    } else if added.is_empty() && pb.values().ne(pa.values()) {
        out.push(change(Level::Other, "modified-page", "the pages were reordered after signing".into(), "thứ tự trang bị thay đổi sau khi ký".into()));
    }
}

/// Everything the signed catalog reaches (pages, their content and resources, names,
/// outlines, the structure tree) except the form, annotations and metadata: none may change.
fn protected(before: &Document, after: &Document, root: ObjectId, pages: &BTreeMap<u32, ObjectId>, out: &mut Vec<Change>) {
    let page_no: HashMap<ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    // (object, the page it was reached from)
    let mut reach: HashMap<ObjectId, Option<u32>> = HashMap::new();
    let mut stack: Vec<(ObjectId, Option<u32>)> = Vec::new();
    if let Ok(c) = before.get_dictionary(root) {
        for (k, v) in c.iter() {
            if !CATALOG_FORM.contains(&k.as_slice()) {
                refs(v, None, &mut stack);
            }
        }
    }
    while let Some((id, page)) = stack.pop() {
        if reach.len() > 2_000_000 {
            break;
        }
        let page = page_no.get(&id).copied().or(page);
        match reach.get(&id) {
            Some(Some(_)) => continue,
            Some(None) if page.is_none() => continue,
            _ => {}
        }
        reach.insert(id, page);
        match before.objects.get(&id) {
            Some(Object::Dictionary(d)) => d.iter().filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice())).for_each(|(_, v)| refs(v, page, &mut stack)),
            Some(Object::Stream(s)) => s.dict.iter().filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice())).for_each(|(_, v)| refs(v, page, &mut stack)),
            Some(o) => refs(o, page, &mut stack),
            None => {}
        }
    }
    reach.remove(&root);
    let mut by_page: BTreeMap<Option<u32>, BTreeSet<ObjectId>> = BTreeMap::new();
    let mut scripts: BTreeSet<ObjectId> = BTreeSet::new();
    for (id, page) in &reach {
        let Some(b) = before.objects.get(id) else {
            continue;
        };
        let a = after.objects.get(id);
        let same = match (b, a) {
            (_, None) => false,
            (Object::Dictionary(db), Some(Object::Dictionary(da))) if page_no.contains_key(id) => same_dict(db, da, &[b"Annots", b"Tabs"]),
            (b, Some(a)) => same(b, a),
        };
        if same {
            continue;
        }
        let js = a.and_then(|a| dict_of(after, a)).is_some_and(|d| name(d, b"S").as_deref() == Some(b"JavaScript") || d.has(b"JS"));
        if js {
            scripts.insert(*id);
        } else {
            by_page.entry(*page).or_default().insert(*id);
        }
    }
    if !scripts.is_empty() {
        out.push(
            change(Level::Other, "open-action", format!("JavaScript in signed objects was changed ({})", ids(&scripts)), format!("JavaScript trong các đối tượng đã ký bị sửa ({})", ids(&scripts)))
                .note_objects(&scripts),
        );
    }
    for (page, set) in by_page {
        let c = match page {
            Some(p) => change(
                Level::Other,
                "modified-page",
                format!("page {p}: signed objects were changed after signing ({}): its content, resources or fonts", ids(&set)),
                format!("trang {p}: các đối tượng đã ký bị sửa sau khi ký ({}): nội dung, tài nguyên hoặc phông chữ", ids(&set)),
            ),
            None => change(
                Level::Other,
                "modified-object",
                format!("signed objects outside the pages were changed after signing ({})", ids(&set)),
                format!("các đối tượng đã ký ngoài các trang bị sửa sau khi ký ({})", ids(&set)),
            ),
        };
        let mut c = c.note_objects(&set);
        c.note.page = page;
        out.push(c);
    }
}

impl Change {
    fn note_objects(mut self, set: &BTreeSet<ObjectId>) -> Change {
        self.note = self.note.objects(set.iter().copied());
        self
    }
}

fn refs(o: &Object, page: Option<u32>, stack: &mut Vec<(ObjectId, Option<u32>)>) {
    match o {
        Object::Reference(id) => stack.push((*id, page)),
        Object::Array(a) => a.iter().for_each(|x| refs(x, page, stack)),
        Object::Dictionary(d) => d.iter().filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice())).for_each(|(_, v)| refs(v, page, stack)),
        Object::Stream(s) => s.dict.iter().filter(|(k, _)| !NOT_FOLLOWED.contains(&k.as_slice())).for_each(|(_, v)| refs(v, page, stack)),
        _ => {}
    }
}

/// The field type of a widget or field, up its `/Parent` chain.
fn field_type(doc: &Document, d: &Dictionary) -> Option<Vec<u8>> {
    let mut cur = d;
    for _ in 0..32 {
        if let Some(ft) = name(cur, b"FT") {
            return Some(ft);
        }
        cur = cur.get(b"Parent").ok().and_then(|p| dict_of(doc, p))?;
    }
    None
}

/// Whether a widget's field holds a document timestamp.
fn is_doc_timestamp(doc: &Document, d: &Dictionary) -> bool {
    let mut cur = Some(d);
    for _ in 0..32 {
        let Some(c) = cur else { return false };
        if let Some(v) = c.get(b"V").ok().and_then(|v| dict_of(doc, v)) {
            return is_signature(v) && name(v, b"Type").as_deref() == Some(b"DocTimeStamp");
        }
        cur = c.get(b"Parent").ok().and_then(|p| dict_of(doc, p));
    }
    false
}

/// An annotation as a key to compare lists: its reference, or its value when direct.
fn annots_of(doc: &Document, page: ObjectId) -> Vec<Object> {
    doc.get_dictionary(page).ok().and_then(|p| p.get(b"Annots").ok()).and_then(|a| resolve(doc, a).as_array().ok()).cloned().unwrap_or_default()
}

fn annotations(before: &Document, after: &Document, pages: &BTreeMap<u32, ObjectId>, out: &mut Vec<Change>) {
    for (n, pid) in pages {
        let was: Vec<Object> = if before.objects.contains_key(pid) { annots_of(before, *pid) } else { Vec::new() };
        let now = annots_of(after, *pid);
        for a in &now {
            let Some(d) = dict_of(after, a) else { continue };
            let subtype = String::from_utf8_lossy(&name(d, b"Subtype").unwrap_or_default()).into_owned();
            let id = a.as_reference().ok();
            let label = id.map(|(o, g)| format!(" (object {o} {g})")).unwrap_or_default();
            let nhan = id.map(|(o, g)| format!(" (đối tượng {o} {g})")).unwrap_or_default();
            let widget = subtype == "Widget";
            let sig = widget && field_type(after, d).as_deref() == Some(b"Sig");
            if !was.iter().any(|w| same(w, a)) {
                let c = if sig && is_doc_timestamp(after, d) {
                    change(Level::Dss, "dss", format!("page {n}: a document timestamp was added{label}"), format!("trang {n}: một dấu thời gian cho tài liệu được thêm{nhan}"))
                } else if sig {
                    change(Level::FormFilling, "signature", format!("page {n}: a signature field was added{label}"), format!("trang {n}: một trường chữ ký được thêm{nhan}"))
                } else {
                    change(
                        Level::Annotations,
                        "overlay",
                        format!("page {n}: a {subtype} annotation was added after signing{label}; it can draw over the signed page"),
                        format!("trang {n}: một chú thích {subtype} được thêm sau khi ký{nhan}; nó có thể vẽ đè lên trang đã ký"),
                    )
                };
                let mut c = c;
                c.note.page = Some(*n);
                c.note = c.note.objects(id);
                out.push(c);
                continue;
            }
            // The same annotation: did its object change?
            let Some(id) = id else { continue };
            let (Some(b), Some(aa)) = (before.objects.get(&id), after.objects.get(&id)) else {
                continue;
            };
            if same(b, aa) {
                continue;
            }
            let (Some(db), Some(da)) = (dict_of(before, b), dict_of(after, aa)) else {
                continue;
            };
            let c = if widget && same_dict(db, da, FILLING) {
                change(Level::FormFilling, "form-filling", format!("page {n}: a form field was filled or signed{label}"), format!("trang {n}: một trường biểu mẫu được điền hoặc ký{nhan}"))
            } else if widget {
                change(Level::Other, "overlay", format!("page {n}: a form field's widget was moved or changed{label}"), format!("trang {n}: ô của một trường biểu mẫu bị di chuyển hoặc sửa{nhan}"))
            } else {
                change(
                    Level::Annotations,
                    "overlay",
                    format!("page {n}: a {subtype} annotation was changed after signing{label}"),
                    format!("trang {n}: một chú thích {subtype} bị sửa sau khi ký{nhan}"),
                )
            };
            let mut c = c;
            c.note.page = Some(*n);
            c.note = c.note.objects([id]);
            out.push(c);
        }
        let removed: Vec<&Object> = was.iter().filter(|a| !now.iter().any(|n| same(n, a))).collect();
        if !removed.is_empty() && after.objects.contains_key(pid) {
            let mut c = change(
                Level::Other,
                "modified-object",
                format!("page {n}: {} annotation(s) were removed after signing", removed.len()),
                format!("trang {n}: {} chú thích bị xóa sau khi ký", removed.len()),
            );
            c.note.page = Some(*n);
            out.push(c);
        }
    }
}

/// The form: fields kept, new ones only signature fields, field dictionaries changed only
/// by filling.
fn form(before: &Document, after: &Document, cb: &Dictionary, ca: &Dictionary, out: &mut Vec<Change>) {
    let empty = Dictionary::new();
    let fb = cb.get(b"AcroForm").ok().and_then(|a| dict_of(before, a)).unwrap_or(&empty);
    let fa = ca.get(b"AcroForm").ok().and_then(|a| dict_of(after, a)).unwrap_or(&empty);
    let allowed: &[&[u8]] = &[b"Fields", b"DR", b"DA", b"SigFlags", b"NeedAppearances"];
    if !same_dict(fb, fa, allowed) {
        out.push(change(Level::Other, "modified-object", "the form's settings changed after signing".into(), "thiết lập của biểu mẫu bị sửa sau khi ký".into()));
    }
    let list = |doc: &Document, f: &Dictionary| -> Vec<ObjectId> {
        f.get(b"Fields").ok().and_then(|l| resolve(doc, l).as_array().ok()).map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect()).unwrap_or_default()
    };
    let (lb, la) = (list(before, fb), list(after, fa));
    if lb.iter().any(|f| !la.contains(f)) {
        out.push(change(Level::Other, "modified-object", "form fields were removed after signing".into(), "trường biểu mẫu bị xóa sau khi ký".into()));
    }
    for f in la.iter().filter(|f| !lb.contains(f)) {
        let Ok(d) = after.get_dictionary(*f) else {
            continue;
        };
        if d.has(b"Subtype") {
            continue; // a merged field and widget: judged with the page's annotations
        }
        if field_type(after, d).as_deref() != Some(b"Sig") {
            out.push(
                Change {
                    level: Level::Annotations,
                    note: Note::new(
                        "overlay",
                        format!("a form field was added after signing (object {} {})", f.0, f.1),
                        format!("một trường biểu mẫu được thêm sau khi ký (đối tượng {} {})", f.0, f.1),
                    ),
                }
                .note_objects(&[*f].into_iter().collect()),
            );
        }
    }
    for f in la.iter().filter(|f| lb.contains(f)) {
        let (Ok(db), Ok(da)) = (before.get_dictionary(*f), after.get_dictionary(*f)) else {
            continue;
        };
        if same_dict(db, da, &[]) || da.has(b"Subtype") {
            continue;
        }
        let level = if same_dict(db, da, FILLING) { Level::FormFilling } else { Level::Other };
        let code = if level == Level::FormFilling { "form-filling" } else { "modified-object" };
        out.push(Change {
            level,
            note: Note::new(code, format!("form field object {} {} was filled or changed", f.0, f.1), format!("trường biểu mẫu (đối tượng {} {}) được điền hoặc sửa", f.0, f.1)).objects([*f]),
        });
    }
}

/// The document information dictionary: metadata, which signing tools update.
fn info(before: &Document, after: &Document, out: &mut Vec<Change>) {
    let get = |d: &Document| d.trailer.get(b"Info").ok().and_then(|i| dict_of(d, i)).cloned().map(Object::Dictionary);
    if !same_opt(get(before).as_ref(), get(after).as_ref()) {
        out.push(change(Level::Dss, "metadata", "the document information (/Info) was updated".into(), "thông tin tài liệu (/Info) được cập nhật".into()));
    }
}
