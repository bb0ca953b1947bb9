using System.Text;
using FakeS3.Form;
using FakeS3.Policy;

namespace FakeS3.Tests.Policy;

/// <summary>Independent signers: the AWS documentation example and botocore.</summary>
public class PostPolicyVectorTests
{
    const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    // Spec §1.8 F [DOC sigv4-post-example]: the StringToSign is the base64 text exactly as sent.
    const string ExamplePolicy = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

    [Fact]
    public void AwsPostExample_SigningKeyAndSignature_MatchTheDocument()
    {
        var key = PostPolicySignature.DeriveSigningKey(Secret, "20151229", "us-east-1");
        Assert.Equal("cbcef1ebeaefc82cce6530b9f0a9ae598846065f5c5bae0674bd5ebc4ba52d28", Convert.ToHexStringLower(key));
        Assert.True(PostPolicySignature.VerifyV4(key, ExamplePolicy, "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"));
        Assert.False(PostPolicySignature.VerifyV4(key, ExamplePolicy, "8AFDBF4008C03F22C2CD3CDB72E4AFBB1F6A588F3255AC628749A66D7F09699E"));
        Assert.False(PostPolicySignature.VerifyV4(key, ExamplePolicy[..^4], "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e"));
    }

    [Fact]
    public void AwsPostExample_DocumentFormFields_PassThePolicy()
    {
        var doc = PostPolicyDocument.Parse(ExamplePolicy);
        Assert.Equal(11, doc.Conditions.Count);
        var form = new PostForm(("key", "user/user1/${filename}"), ("acl", "public-read"),
            ("success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"),
            ("Content-Type", "image/jpeg"), ("x-amz-meta-uuid", "14365123651274"), ("x-amz-server-side-encryption", "AES256"),
            ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"), ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            ("X-Amz-Date", "20151229T000000Z"), ("x-amz-meta-tag", ""), ("Policy", ExamplePolicy),
            ("X-Amz-Signature", "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e")).WithFilename("photo.jpg");
        Assert.Null(PostPolicyEvaluator.EvaluateFields(doc, form, "sigv4examplebucket", new DateTimeOffset(2015, 12, 29, 0, 0, 0, TimeSpan.Zero)));
    }

    // Made with python3 + boto3/botocore 1.43.11 (independent signer), run once:
    //   boto3.client('s3', region_name='eu-central-1', aws_access_key_id='AKIAIOSFODNN7EXAMPLE',
    //     aws_secret_access_key=Secret, endpoint_url='http://localhost:4566',
    //     config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
    //   .generate_presigned_post('testjorzel', 'mytest/${filename}',
    //     Fields={'Content-Type': 'image/png', 'success_action_status': '201'},
    //     Conditions=[['starts-with', '$key', 'mytest/'], ['starts-with', '$Content-Type', 'image/'],
    //                 {'success_action_status': '201'}, ['content-length-range', 1, 1048576]], ExpiresIn=3600)
    const string BotoPolicy = "eyJleHBpcmF0aW9uIjogIjIwMjYtMTEtMjhUMTg6Mzk6MTNaIiwgImNvbmRpdGlvbnMiOiBbWyJzdGFydHMtd2l0aCIsICIka2V5IiwgIm15dGVzdC8iXSwgWyJzdGFydHMtd2l0aCIsICIkQ29udGVudC1UeXBlIiwgImltYWdlLyJdLCB7InN1Y2Nlc3NfYWN0aW9uX3N0YXR1cyI6ICIyMDEifSwgWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsIDEsIDEwNDg1NzZdLCB7ImJ1Y2tldCI6ICJ0ZXN0am9yemVsIn0sIFsic3RhcnRzLXdpdGgiLCAiJGtleSIsICJteXRlc3QvIl0sIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwgeyJ4LWFtei1jcmVkZW50aWFsIjogIkFLSUFJT1NGT0ROTjdFWEFNUExFLzIwMjYxMTI4L2V1LWNlbnRyYWwtMS9zMy9hd3M0X3JlcXVlc3QifSwgeyJ4LWFtei1kYXRlIjogIjIwMjYxMTI4VDE3MzkxM1oifV19";
    const string BotoSignature = "5ed89d6316c0cddaa8b6acc29839c58e05f167f25dc7cb9263687e025a87d849";

    static PostForm BotoForm(string key = "mytest/${filename}") => new(("Content-Type", "image/png"), ("success_action_status", "201"),
        ("key", key), ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
        ("x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20261128/eu-central-1/s3/aws4_request"),
        ("x-amz-date", "20261128T173913Z"), ("policy", BotoPolicy), ("x-amz-signature", BotoSignature));

    [Fact]
    public void Boto3PresignedPost_FullPipeline_Passes()
    {
        var form = BotoForm().WithFilename("dir/cat.png");
        FakeS3.Form.PostFormValidator.Validate(form);
        var auth = Assert.IsType<SigV4PostAuth>(PostFormAuth.Parse(form, "eu-central-1"));
        var key = PostPolicySignature.DeriveSigningKey(Secret, auth.Date, auth.Region);
        Assert.True(PostPolicySignature.VerifyV4(key, auth.Policy, auth.Signature));
        var doc = PostPolicyDocument.Parse(auth.Policy);
        Assert.Null(PostPolicyEvaluator.EvaluateFields(doc, form, "testjorzel", auth.AmzDate));
        Assert.Equal("mytest/cat.png", form.Get("key"));
        Assert.Equal(new ContentLengthRange(1, 1048576), PostPolicyEvaluator.SizeLimit(doc));
    }

    [Fact]
    public void Boto3PresignedPost_KeyOutsidePrefix_FailsLikeTheSeedArticle()
    {
        // Seed article: key test/post_test4.txt against ["starts-with", "$key", "mytest/"].
        var doc = PostPolicyDocument.Parse(BotoPolicy);
        var error = PostPolicyEvaluator.EvaluateFields(doc, BotoForm("test/post_test4.txt"), "testjorzel",
            new DateTimeOffset(2026, 11, 28, 17, 40, 0, TimeSpan.Zero));
        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"mytest/\"]", error!.Message);
    }

    [Fact]
    public void SeedArticlePolicy_AfterExpiration_IsPolicyExpired()
    {
        // The policy printed in the seed article (eu-central-1, expires 2024-04-03T21:13:46Z).
        var policy = "eyJleHBpcmF0aW9uIjogIjIwMjQtMDQtMDNUMjE6MTM6NDZaIiwgImNvbmRpdGlvbnMiOiBbWyJzdGFydHMtd2l0aCIsICIka2V5IiwgIm15dGVzdC8iXSwgeyJidWNrZXQiOiAidGVzdGpvcnplbCJ9LCBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAibXl0ZXN0LyJdLCB7IngtYW16LWFsZ29yaXRobSI6ICJBV1M0LUhNQUMtU0hBMjU2In0sIHsieC1hbXotY3JlZGVudGlhbCI6ICJBS0lBVTVVU0kyVlozUklGM0w1Vi8yMDI0MDQwMy9ldS1jZW50cmFsLTEvczMvYXdzNF9yZXF1ZXN0In0sIHsieC1hbXotZGF0ZSI6ICIyMDI0MDQwM1QyMDEzNDZaIn1dfQ==";
        var form = new PostForm(("key", "mytest/post_test3.txt"), ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
            ("x-amz-credential", "AKIAU5USI2VZ3RIF3L5V/20240403/eu-central-1/s3/aws4_request"), ("x-amz-date", "20240403T201346Z"),
            ("policy", policy), ("x-amz-signature", "672ca05236f727190841b102a73e4d3298b5821b5afbc62cbfba2dad6128c74c"));
        var doc = PostPolicyDocument.Parse(policy);
        Assert.Null(PostPolicyEvaluator.EvaluateFields(doc, form, "testjorzel", new DateTimeOffset(2024, 4, 3, 21, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Invalid according to Policy: Policy expired.",
            PostPolicyEvaluator.EvaluateFields(doc, form, "testjorzel", new DateTimeOffset(2024, 4, 3, 21, 13, 47, TimeSpan.Zero))!.Message);
    }

    [Fact]
    public void SigV2_Signature_IsBase64HmacSha1OfPolicy()
    {
        var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(ExamplePolicy)));
        Assert.True(PostPolicySignature.VerifyV2(Secret, ExamplePolicy, signature));
        Assert.False(PostPolicySignature.VerifyV2(Secret, ExamplePolicy, "AAAA" + signature[4..]));
    }
}
