using System.Security.Claims;
using Api.Tests.Features.Items;
using Api.WriteAccess;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Api.Tests.WriteAccess;

/// <summary>
/// Writes are open by default, as in the tutorial, and no authentication runs (Server/PipelineTests); once ASP.NET Core's
/// JwtBearer section is configured (as <c>dotnet user-jwts</c> writes it), the items' POST, PUT and DELETE need a valid
/// bearer token, and reads stay open.
/// </summary>
public sealed class WriteAccessTests : ApiTestBase
{
    private const string Issuer = "dotnet-user-jwts";
    private const string Audience = "http://localhost:5000";
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private const string Widget = """{"name":"Widget","price":1}""";

    private InMemoryApi Closed => Factory.With(
        ($"{WriteAccessExtensions.Section}:ValidIssuer", Issuer),
        ($"{WriteAccessExtensions.Section}:ValidAudiences:0", Audience),
        ($"{WriteAccessExtensions.Section}:SigningKeys:0:Issuer", Issuer),
        ($"{WriteAccessExtensions.Section}:SigningKeys:0:Value", Convert.ToBase64String(Key)));

    private static string Token(byte[] key, DateTime? expires = null) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "writer")]),
        Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
        NotBefore = expires?.AddMinutes(-10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });

    [TestCase("POST", "/items")]
    [TestCase("PUT", "/items/{0}")]
    [TestCase("DELETE", "/items/{0}")]
    public async Task Once_configured_a_write_without_a_valid_token_is_401_problem_with_the_bearer_challenge(string method, string target)
    {
        var api = Closed;
        var id = ItemWriter.IdOf(await api.SendAsync(ApiRequest.Json("POST", "/items", Widget).With("Authorization", "Bearer " + Token(Key))));
        var request = ApiRequest.Json(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, target, id), Widget);

        foreach (var authorization in new[] { null, "Bearer not-a-token", "Bearer " + Token([.. Key.Reverse()]), "Bearer " + Token(Key, DateTime.UtcNow.AddMinutes(-5)) })
        {
            var response = await api.SendAsync(authorization is null ? request : request.With("Authorization", authorization));

            ProblemAssert.IsProblem(response, 401);
            Assert.That(response.Headers.WWWAuthenticate.ToString(), Does.StartWith("Bearer"), authorization ?? "no token");
        }

        Assert.That((await api.SendAsync(ApiRequest.Get($"/items/{id}"))).Status, Is.EqualTo(200), "the write changed nothing");
        Assert.That((await api.SendAsync(request.With("Authorization", "Bearer " + Token(Key)))).Status / 100, Is.EqualTo(2));
    }

    [Test]
    public async Task Once_configured_reads_and_the_tutorials_routes_stay_open()
    {
        var api = Closed;

        Assert.That((await api.SendAsync(ApiRequest.Get("/items"))).Status, Is.EqualTo(200));
        Assert.That((await api.SendAsync(ApiRequest.Form("/exemple", "param1=jeej"))).Status, Is.EqualTo(200));
        Assert.That((await api.SendAsync(new ApiRequest("OPTIONS", "/items"))).Status, Is.EqualTo(200));
    }
}
