// Multipart checksums with the AWS SDK for JavaScript v3, default settings: the SDK validates the object checksum on
// GetObject by default, so a wrong FULL_OBJECT value fails the download. Env as flows.mjs. Exits non-zero on failure.
import { createHash } from "node:crypto";
import {
  S3Client, CreateBucketCommand, GetObjectCommand, HeadObjectCommand, CreateMultipartUploadCommand, UploadPartCommand,
  CompleteMultipartUploadCommand,
} from "@aws-sdk/client-s3";

const endpoint = process.env.FAKES3_ENDPOINT ?? "http://127.0.0.1:4568";
const region = process.env.FAKES3_REGION ?? "us-east-1";
const credentials = { accessKeyId: process.env.FAKES3_ACCESS_KEY ?? "fakes3", secretAccessKey: process.env.FAKES3_SECRET_KEY ?? "fakes3secret" };
const s3 = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
const bucket = `js-mpu-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

function check(ok, what, detail = "") {
  if (!ok) { console.error(`FAIL ${what}${detail ? `: ${detail}` : ""}`); process.exitCode = 1; throw new Error(what); }
  console.log(`ok   ${what}`);
}

// CRC-32 (IEEE), written here so the expected value does not come from the code under test.
const table = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(buf) { let c = 0xffffffff; for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; }
const b64 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b.toString("base64"); };

async function upload(key, algorithm, type, parts) {
  const mp = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: algorithm, ChecksumType: type }));
  const done = [];
  for (let i = 0; i < parts.length; i++) {
    const r = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: mp.UploadId, PartNumber: i + 1, Body: parts[i], ChecksumAlgorithm: algorithm }));
    done.push({ PartNumber: i + 1, ETag: r.ETag, ChecksumCRC32: r.ChecksumCRC32, ChecksumSHA256: r.ChecksumSHA256 });
  }
  return s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: mp.UploadId, MultipartUpload: { Parts: done } }));
}

async function main() {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const parts = [Buffer.alloc(5 * 1024 * 1024, "p"), Buffer.from("the last part")];
  const whole = Buffer.concat(parts);

  const full = await upload("full.bin", "CRC32", "FULL_OBJECT", parts);
  check(full.ChecksumType === "FULL_OBJECT" && full.ChecksumCRC32 === b64(crc32(whole)), "FULL_OBJECT CRC32 is the CRC32 of the whole object", JSON.stringify([full.ChecksumType, full.ChecksumCRC32]));
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "full.bin", ChecksumMode: "ENABLED" }));
  const bytes = Buffer.from(await got.Body.transformToByteArray());   // the SDK validates x-amz-checksum-crc32 while reading
  check(bytes.equals(whole) && got.ChecksumCRC32 === full.ChecksumCRC32, "GetObject (validated by the SDK) returns the bytes and the CRC32");

  const comp = await upload("composite.bin", "SHA256", undefined, parts);
  const partSums = parts.map((p) => createHash("sha256").update(p).digest());
  const expected = createHash("sha256").update(Buffer.concat(partSums)).digest("base64") + "-2";
  check(comp.ChecksumType === "COMPOSITE" && comp.ChecksumSHA256 === expected, "COMPOSITE SHA256 is sha256(part sha256s)-2", JSON.stringify([comp.ChecksumType, comp.ChecksumSHA256]));
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "composite.bin", ChecksumMode: "ENABLED" }));
  check(head.ChecksumSHA256 === expected && head.ChecksumType === "COMPOSITE", "HeadObject returns the composite checksum", JSON.stringify([head.ChecksumType, head.ChecksumSHA256]));
  const compGot = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "composite.bin" }));
  check(Buffer.from(await compGot.Body.transformToByteArray()).equals(whole), "GetObject of the composite object returns the bytes");
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
