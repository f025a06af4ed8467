// An e-office system calling `vanban serve`, with nothing but the JDK (java.net.http):
// render a document, have the leader sign it through a remote signing service (prepare →
// the service signs the digest → finish), issue it (number, date, agency signature, register
// entry), and verify the result.
//
//   java VanbanClient.java BASE_URL TOKEN DOCUMENT.json LEADER_CHAIN.pem LEADER_KEY.pem KEY OUT_DIR
//
// BASE_URL: http://127.0.0.1:8080; TOKEN: a bearer token of `vanban serve --tokens`; KEY: the
// agency's key name in `vanban serve --keys`. LEADER_KEY.pem (PKCS#8, RSA) stands in for the
// remote signing service (VNPT SmartCA, Viettel MySign…): a real system sends the digest to
// the service and gets the signature back. Prints "NUMBER/SYMBOL VERDICT".

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class VanbanClient {
    static String base;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: java VanbanClient.java BASE_URL TOKEN DOCUMENT.json LEADER_CHAIN.pem LEADER_KEY.pem KEY OUT_DIR");
            System.exit(2);
        }
        base = args[0];
        token = args[1];
        byte[] document = Files.readAllBytes(Path.of(args[2]));
        byte[] chain = Files.readAllBytes(Path.of(args[3]));
        PrivateKey leaderKey = readKey(Path.of(args[4]));
        String agencyKey = args[5];
        Path out = Path.of(args[6]);
        Files.createDirectories(out);

        // 1. Render the draft.
        byte[] draft = ok(send("/v1/render", "application/json", document)).body();
        Files.write(out.resolve("draft.pdf"), draft);

        // 2. The leader signs through the remote service: prepare, sign the digest, finish.
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("pdf", draft);
        parts.put("cert", chain);
        String prepared = new String(ok(multipart("/v1/sign/prepare?field=signer", parts)).body(), StandardCharsets.UTF_8);
        String digest = field(prepared, "digest");
        String state = object(prepared, "state");
        byte[] signature = remoteSign(leaderKey, Base64.getDecoder().decode(digest));
        parts = new LinkedHashMap<>();
        parts.put("prepared", field(prepared, "prepared").getBytes(StandardCharsets.US_ASCII));
        parts.put("state", state.getBytes(StandardCharsets.UTF_8));
        parts.put("signature", Base64.getEncoder().encode(signature));
        byte[] signed = ok(multipart("/v1/sign/finish", parts)).body();
        Files.write(out.resolve("signed.pdf"), signed);

        // 3. The văn thư's step: number, date, the agency's signature, the register entry. A
        //    retry of the same signed draft returns the same entry and PDF.
        parts = new LinkedHashMap<>();
        parts.put("document", document);
        parts.put("pdf", signed);
        HttpResponse<byte[]> issued = ok(multipart("/v1/issue?key=" + agencyKey, parts));
        Files.write(out.resolve("issued.pdf"), issued.body());
        String symbol = issued.headers().firstValue("x-vanban-symbol").orElse("?");

        // 4. Verify.
        String report = new String(ok(send("/v1/verify", "application/pdf", issued.body())).body(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("verify.json"), report);
        System.out.println(symbol + " " + field(report, "verdict"));
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    static HttpResponse<byte[]> send(String path, String type, byte[] body) throws Exception {
        HttpRequest r = request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> multipart(String path, Map<String, byte[]> parts) throws Exception {
        String boundary = "vanban" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey() + "\"; filename=\"" + p.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(p.getValue());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** The answer when it is 200; otherwise the problem document, and exit 1. */
    static HttpResponse<byte[]> ok(HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            System.err.println(r.uri().getPath() + ": " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
            System.exit(1);
        }
        return r;
    }

    /** Stand-in for the remote signing service: RSA PKCS#1 v1.5 over the SHA-256 digest. */
    static byte[] remoteSign(PrivateKey key, byte[] digest) throws Exception {
        byte[] prefix = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
        byte[] info = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, info, 0, prefix.length);
        System.arraycopy(digest, 0, info, prefix.length, digest.length);
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(key);
        s.update(info);
        return s.sign();
    }

    static PrivateKey readKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    /** A string member of a JSON object (the answers here are vanban's: flat where read). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }

    /** An object member of a JSON object, as text (braces matched, strings skipped). */
    static String object(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('{', at);
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return json.substring(start, i + 1);
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
