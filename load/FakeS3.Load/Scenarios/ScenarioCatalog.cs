using FakeS3.Load.Simulation;

namespace FakeS3.Load.Scenarios;

/// <summary>The one list of scenario names the CLI accepts.</summary>
public static class ScenarioCatalog
{
    public static readonly IReadOnlyDictionary<string, Func<LoadContext, Scenario>> All =
        new Dictionary<string, Func<LoadContext, Scenario>>(StringComparer.Ordinal)
        {
            [PresignedGetScenario.Name] = PresignedGetScenario.Create,
            [PresignedPutScenario.Name] = PresignedPutScenario.Create,
            [PostPolicyScenario.Name] = PostPolicyScenario.Create,
            [SdkPutScenario.Name] = SdkPutScenario.Create,
            [LargeObjectScenarios.GetName] = LargeObjectScenarios.CreateGet,
            [LargeObjectScenarios.PutName] = LargeObjectScenarios.CreatePut,
            [MixedScenario.Name] = MixedScenario.Create,
            [MustRejectScenario.Name] = MustRejectScenario.Create,
        };

    public static bool IsLarge(string name) => name is LargeObjectScenarios.GetName or LargeObjectScenarios.PutName;
}
