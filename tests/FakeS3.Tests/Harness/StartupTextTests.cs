using System.Reflection;
using FakeS3.Hosting;

namespace FakeS3.Tests.Harness;

/// <summary>What a newcomer reads first: the banner's endpoint, --help, and where the data file goes.</summary>
public class StartupTextTests
{
    [Theory]
    [InlineData("http://0.0.0.0:4568", "http://127.0.0.1:4568")]
    [InlineData("http://[::]:9000", "http://127.0.0.1:9000")]
    [InlineData("http://+:80", "http://127.0.0.1:80")]
    [InlineData("http://*:5000/", "http://127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:4568", "http://127.0.0.1:4568")]
    [InlineData("http://localhost:4568", "http://localhost:4568")]
    [InlineData("http://[::1]:4568", "http://[::1]:4568")]
    public void UsableEndpoint_replaces_a_wildcard_bind_with_loopback(string bound, string usable) =>
        Assert.Equal(usable, StartupBanner.UsableEndpoint(bound));

    [Fact]
    public void Banner_names_the_bound_port_and_never_a_wildcard_or_a_placeholder_port()
    {
        var options = new FakeS3Options { Buckets = ["uploads"] };
        var text = StartupBanner.Render(options, ["http://0.0.0.0:9123"], "/tmp/x.db", new Admin.AdminToken(Microsoft.Extensions.Options.Options.Create(options)));

        Assert.Contains("endpoint:       http://127.0.0.1:9123 ", text);
        Assert.Contains("http://<bucket>.localhost:9123", text);
        Assert.Contains("listening on all interfaces", text);
        Assert.Contains("buckets:        uploads", text);
        Assert.DoesNotContain("0.0.0.0", text);
        Assert.DoesNotContain("<port>", text);
    }

    [Fact]
    public void Default_data_file_is_in_the_users_data_folder_not_the_working_directory()
    {
        var path = new FakeS3Options().DataPath;

        Assert.True(Path.IsPathRooted(path), path);
        Assert.EndsWith(Path.Combine("fakes3", "fakes3.db"), path);
        Assert.False(path.StartsWith(Path.Combine(Directory.GetCurrentDirectory(), "data"), StringComparison.Ordinal), path);
    }

    [Fact]
    public void Help_names_every_setting_of_FakeS3Options()
    {
        var help = CommandLineHelp.Text("fakes3");
        var settings = typeof(FakeS3Options).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

        Assert.All(settings, p => Assert.Contains($"--FakeS3:{p.Name}", help));
        var adminSettings = typeof(AdminOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);
        Assert.All(adminSettings, p => Assert.Contains($"--FakeS3:Admin:{p.Name}", help));
        Assert.StartsWith($"FakeS3 {CommandLineHelp.Version}:", help);
        Assert.Contains("Usage: fakes3", help);
    }

    [Theory]
    [InlineData(true, "--help")]
    [InlineData(true, "-h")]
    [InlineData(true, "--urls", "http://127.0.0.1:1", "-?")]
    [InlineData(false, "--urls", "http://127.0.0.1:1")]
    [InlineData(false, "--FakeS3:Buckets:0=help")]
    public void Help_is_asked_for_only_by_a_help_flag(bool expected, params string[] args) =>
        Assert.Equal(expected, CommandLineHelp.IsHelp(args));
}
