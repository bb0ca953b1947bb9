using FakeS3.Form;
using FakeS3.Policy;

namespace FakeS3.Tests.Policy;

public class PostSuccessTests
{
    const string ETag = "\"14dd4667441ada2b3914e5c1b72573b3\"";

    static PostSuccessResult Build(PostForm form, string key = "président.jpg", bool pathStyle = false) =>
        PostSuccess.Build(form, "https", "foobar.s3.amazonaws.com", pathStyle, "foobar", key, ETag);

    [Fact]
    public void Status_Absent_Is204WithLocation()
    {
        var result = Build(new());
        Assert.Equal((204, "https://foobar.s3.amazonaws.com/pr%C3%A9sident.jpg", (string?)null), (result.Status, result.Location, result.Body));
    }

    [Fact]
    public void Status_200And404_Are200And204()
    {
        Assert.Equal(200, Build(new(("success_action_status", "200"))).Status);
        Assert.Equal(204, Build(new(("success_action_status", "404"))).Status);
    }

    [Fact]
    public void Status_201_IsPostResponseXml() =>
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>https://foobar.s3.amazonaws.com/pr%C3%A9sident.jpg</Location><Bucket>foobar</Bucket><Key>président.jpg</Key><ETag>\"14dd4667441ada2b3914e5c1b72573b3\"</ETag></PostResponse>",
            Build(new(("success_action_status", "201"))).Body);

    [Fact]
    public void Status_201PathStyle_EncodesSlashInLocation() =>
        Assert.Equal("https://foobar.s3.amazonaws.com/foobar/prefix%2F111222", Build(new(("success_action_status", "201")), "prefix/111222", pathStyle: true).Location);

    [Fact]
    public void Redirect_AbsoluteUrl_Is303WithFormEncodedQuery()
    {
        var result = Build(new(("success_action_redirect", "http://localhost.test/done?x=1"), ("success_action_status", "201")), "a b/c.txt");
        Assert.Equal(303, result.Status);
        Assert.Equal("http://localhost.test/done?x=1&bucket=foobar&key=a+b%2Fc.txt&etag=%2214dd4667441ada2b3914e5c1b72573b3%22", result.Location);
        Assert.Null(result.Body);
    }

    [Fact]
    public void Redirect_DeprecatedAlias_IsUsed() =>
        Assert.StartsWith("http://x.test/?bucket=", Build(new(("redirect", "http://x.test/"))).Location);

    [Fact]
    public void Redirect_RelativeUrl_IsIgnored() =>
        Assert.Equal(204, Build(new(("success_action_redirect", "/wrong/redirect/relative"))).Status);
}
