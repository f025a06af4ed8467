<?php
// An e-office system calling `vanban serve` with php-cli and its curl extension (no
// Composer): render a document, have the leader sign it through a remote signing service
// (prepare → the service signs the digest → finish), issue it (number, date, agency
// signature, register entry), and verify the result.
//
//   php vanban-client.php BASE_URL TOKEN DOCUMENT.json LEADER_CHAIN.pem LEADER_KEY.pem KEY OUT_DIR
//
// LEADER_KEY.pem (RSA) stands in for the remote signing service (VNPT SmartCA, Viettel
// MySign…): a real system sends the digest to the service and gets the signature back.
// Prints "NUMBER/SYMBOL VERDICT".

if ($argc !== 8) {
    fwrite(STDERR, "usage: php vanban-client.php BASE_URL TOKEN DOCUMENT.json LEADER_CHAIN.pem LEADER_KEY.pem KEY OUT_DIR\n");
    exit(2);
}
[, $base, $token, $documentPath, $chainPath, $keyPath, $agencyKey, $out] = $argv;
@mkdir($out, 0777, true);
$document = file_get_contents($documentPath);

/** POST a body or multipart parts; the body and the headers of a 200 answer, else exit 1. */
function post(string $path, $body, ?string $type = null): array {
    global $base, $token;
    $headers = [];
    $ch = curl_init($base . $path);
    $h = ['Authorization: Bearer ' . $token];
    if ($type !== null) {
        $h[] = 'Content-Type: ' . $type;
    }
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => $body,
        CURLOPT_HTTPHEADER => $h,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HEADERFUNCTION => function ($ch, $line) use (&$headers) {
            $parts = explode(':', $line, 2);
            if (count($parts) === 2) {
                $headers[strtolower(trim($parts[0]))] = trim($parts[1]);
            }
            return strlen($line);
        },
    ]);
    $answer = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    if ($answer === false || $status !== 200) {
        fwrite(STDERR, "$path: $status $answer\n");
        exit(1);
    }
    return [$answer, $headers];
}

/** A part of a multipart body from bytes in memory. */
function part(string $name, string $bytes): CURLStringFile {
    return new CURLStringFile($bytes, $name, 'application/octet-stream');
}

// 1. Render the draft.
[$draft] = post('/v1/render', $document, 'application/json');
file_put_contents("$out/draft.pdf", $draft);

// 2. The leader signs through the remote service: prepare, sign the digest, finish.
[$answer] = post('/v1/sign/prepare?field=signer', ['pdf' => part('pdf', $draft), 'cert' => part('cert', file_get_contents($chainPath))]);
$prepared = json_decode($answer, true);
$digest = base64_decode($prepared['digest']);
// Stand-in for the remote signing service: RSA PKCS#1 v1.5 over the SHA-256 digest
// (DigestInfo, then the private key).
$digestInfo = hex2bin('3031300d060960864801650304020105000420') . $digest;
openssl_private_encrypt($digestInfo, $signature, file_get_contents($keyPath), OPENSSL_PKCS1_PADDING) or exit(1);
[$signed] = post('/v1/sign/finish', [
    'prepared' => part('prepared', $prepared['prepared']),
    'state' => part('state', json_encode($prepared['state'])),
    'signature' => part('signature', base64_encode($signature)),
]);
file_put_contents("$out/signed.pdf", $signed);

// 3. The văn thư's step: number, date, the agency's signature, the register entry. A retry of
//    the same signed draft returns the same entry and PDF.
[$issued, $headers] = post('/v1/issue?key=' . rawurlencode($agencyKey), ['document' => part('document', $document), 'pdf' => part('pdf', $signed)]);
file_put_contents("$out/issued.pdf", $issued);

// 4. Verify.
[$report] = post('/v1/verify', $issued, 'application/pdf');
file_put_contents("$out/verify.json", $report);
echo ($headers['x-vanban-symbol'] ?? '?') . ' ' . json_decode($report, true)['verdict'] . "\n";
