namespace FakeS3.Faults;

/// <summary>Where in the S3 pipeline a rule is checked.</summary>
public enum FaultStage
{
    /// <summary>Before the signature is checked: a bad signature is hidden behind the fault.</summary>
    BeforeAuthentication,

    /// <summary>After authentication (the default), so a test still learns when its signature is wrong.</summary>
    AfterAuthentication,
}
