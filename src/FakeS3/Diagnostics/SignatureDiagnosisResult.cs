namespace FakeS3.Diagnostics;

/// <summary>The likely cause and advice a person can act on. Holds no secret and no full signature.</summary>
internal sealed record SignatureDiagnosisResult(SignatureCause Cause, string Advice);
