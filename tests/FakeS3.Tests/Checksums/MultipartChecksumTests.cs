using System.Text;
using FakeS3.Checksums;

namespace FakeS3.Tests.Checksums;

/// <summary>Multipart object checksums: composite vectors recorded against AWS, full-object CRCs against a direct computation.</summary>
// Theory parameters are object: ChecksumAlgorithm is internal (not FakeS3's public API) and test methods are public.
public class MultipartChecksumTests
{
    // OpenStack Swift's s3api functional tests, run against AWS: a one-part upload whose part checksum is the
    // first value answers the second + "-1".
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "y/Q5Jg==", "7kxlUA==-1")]
    [InlineData(ChecksumAlgorithm.Crc32C, "4waSgw==", "pzJFoA==-1")]
    [InlineData(ChecksumAlgorithm.Sha1, "98O8HYCOBHMq32eZZczDTKeuNEE=", "zGcEPHvP9e6lVmvZsfPHT9mlz10=-1")]
    [InlineData(ChecksumAlgorithm.Sha256, "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=", "KSsNAHVmgy25S/rmic1w0at3KBH9RLn0nYVQ7p6mpJQ=-1")]
    public void Composite_OnePart_MatchesAwsRecording(object algorithm, string part, string expected) =>
        Assert.Equal(expected, MultipartChecksum.ComputeComposite((ChecksumAlgorithm)algorithm, [part]));

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32)]
    [InlineData(ChecksumAlgorithm.Crc32C)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme)]
    public void FullObject_FromParts_EqualsTheChecksumOfTheWholeStream(object algorithmValue)
    {
        var algorithm = (ChecksumAlgorithm)algorithmValue;
        var random = new Random(12);
        foreach (var sizes in new[] { new[] { 11 }, new[] { 6, 5 }, new[] { 0, 7, 0 }, new[] { 5 * 1024 * 1024 + 3, 1, 65537 } })
        {
            var parts = sizes.Select(n => { var b = new byte[n]; random.NextBytes(b); return b; }).ToArray();
            var whole = parts.SelectMany(p => p).ToArray();
            var combined = MultipartChecksum.ComputeFullObject(algorithm,
                parts.Select(p => (ChecksumCalculator.Compute(algorithm, p), (long)p.Length)).ToList());
            Assert.Equal(ChecksumCalculator.Compute(algorithm, whole), combined);
        }
        Assert.Equal(ChecksumCalculator.Compute(algorithm, Encoding.UTF8.GetBytes("hello world")),
            MultipartChecksum.ComputeFullObject(algorithm, [(ChecksumCalculator.Compute(algorithm, "hello "u8), 6), (ChecksumCalculator.Compute(algorithm, "world"u8), 5)]));
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "COMPOSITE", false)]
    [InlineData(ChecksumAlgorithm.Sha256, "FULL_OBJECT", false)]
    [InlineData(ChecksumAlgorithm.Sha1, "FULL_OBJECT", false)]
    [InlineData(ChecksumAlgorithm.Crc32, "FULL_OBJECT", true)]
    [InlineData(ChecksumAlgorithm.Crc32C, "COMPOSITE", true)]
    public void Allows_TypeAndAlgorithmPairs_AsS3(object algorithm, string type, bool allowed) =>
        Assert.Equal(allowed, MultipartChecksum.Allows((ChecksumAlgorithm)algorithm, type));
}
