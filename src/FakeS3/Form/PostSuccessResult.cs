namespace FakeS3.Form;

/// <summary>
/// The response to a stored POST upload. Send <c>ETag</c> and <c>Location</c> = <see cref="Location"/>
/// on every status [REC]; <see cref="Body"/> (application/xml) only on 201; no Content-Type on 204 [2ND].
/// </summary>
internal sealed record PostSuccessResult(int Status, string Location, string ETag, string? Body);
