
namespace Api.Tests.Support;

public static class ProblemAssert
{
    /// <summary>The answer is RFC 9457 problem+json with the status, and a type and title.</summary>
    public static void IsProblem(ApiResponse response, int status)
    {
        Assert.That(response.Status, Is.EqualTo(status));
        Assert.That(response.ContentType, Is.EqualTo("application/problem+json"));
        var problem = response.Json!.AsObject();
        Assert.That((int?)problem["status"], Is.EqualTo(status));
        Assert.That((string?)problem["type"], Is.Not.Null.And.Not.Empty);
        Assert.That((string?)problem["title"], Is.Not.Null.And.Not.Empty);
        Assert.That((string?)problem["traceId"], Is.Not.Null.And.Not.Empty);
        Assert.That(response.Text, Does.Not.Contain("   at "), "no stack trace outside Development");
    }
}
