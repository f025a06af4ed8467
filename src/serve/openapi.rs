//! `/openapi.json`: OpenAPI 3.1 made from the handlers' annotations (utoipa), with the
//! input's own JSON Schema (the one `vanban schema` prints) as the documents' body schema.

use serde_json::Value;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "vanban",
        description = "Vietnamese administrative documents in the format of Nghị định 30/2020/NĐ-CP: JSON in, a signable PDF/A and an editable DOCX out. Errors are RFC 9457 problem documents whose `diagnostics` are the CLI's."
    ),
    paths(
        super::render::render,
        super::render::check,
        super::render::layout,
        super::batch::batch,
        super::compose::preview,
        super::compose::body_from_text,
        super::compose::text_from_body,
        super::compose::import,
        super::editor::page,
        super::editor::asset,
        super::verify::verify,
        super::issuing::sign_route,
        super::issuing::prepare,
        super::issuing::finish,
        super::issuing::issue,
        super::issuing::list,
        super::issuing::book,
        super::issuing::envelope,
        super::issuing::entry,
        super::issuing::void,
        super::info::schema,
        super::info::types,
        super::info::starter,
        super::info::livez,
        super::info::readyz,
        super::info::metrics,
        super::info::openapi,
        super::info::version,
    )
)]
struct Api;

/// The whole document.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(Api::openapi()).unwrap_or(Value::Null);
    doc["info"]["version"] = env!("CARGO_PKG_VERSION").into();
    doc["info"]["license"] = serde_json::json!({ "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" });
    // The model's schema refers to its parts as #/$defs/X: they move to components.
    let mut schema = crate::model::schema();
    let defs = schema.as_object_mut().and_then(|o| o.remove("$defs")).unwrap_or(Value::Object(Default::default()));
    if let Some(o) = schema.as_object_mut() {
        o.remove("$schema");
        o.remove("$id");
    }
    let mut components = serde_json::Map::new();
    if let Value::Object(d) = defs {
        components.extend(d);
    }
    components.insert("Document".into(), schema);
    let mut components = Value::Object(components);
    rebase(&mut components);
    doc["components"]["schemas"] = components;
    for route in ["/v1/render", "/v1/check", "/v1/layout"] {
        if let Some(c) = doc.pointer_mut(&format!("/paths/{}/post/requestBody/content/application~1json", route.replace('/', "~1"))) {
            c["schema"] = serde_json::json!({ "$ref": "#/components/schemas/Document" });
        }
    }
    doc
}

/// `#/$defs/X` → `#/components/schemas/X`, everywhere.
fn rebase(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                if k == "$ref" {
                    if let Some(s) = x.as_str().and_then(|s| s.strip_prefix("#/$defs/")) {
                        *x = format!("#/components/schemas/{s}").into();
                    }
                } else {
                    rebase(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(rebase),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_route_and_every_reference_resolves() {
        let d = super::document();
        assert!(d["openapi"].as_str().is_some_and(|v| v.starts_with("3.1")), "{}", d["openapi"]);
        for p in ["/v1/render", "/v1/check", "/v1/layout", "/v1/batch", "/v1/schema", "/v1/types", "/v1/types/{type}/starter", "/livez", "/readyz", "/metrics", "/openapi.json", "/version"] {
            assert!(d["paths"].get(p).is_some(), "{p} missing");
        }
        let text = d.to_string();
        assert!(!text.contains("#/$defs/"));
        let mut rest = text.as_str();
        while let Some(i) = rest.find("\"#/components/schemas/") {
            let s = &rest[i + 22..];
            let name = &s[..s.find('"').unwrap()];
            assert!(d["components"]["schemas"].get(name).is_some(), "{name} is referenced and missing");
            rest = &s[name.len()..];
        }
    }
}
