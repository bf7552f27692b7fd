using System.Text.RegularExpressions;
using Api.Client;
using Api.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Api.Tests.Client;

/// <summary>
/// The example of the generated client in docs/client.md is this code, line for line after its HttpClient,
/// and prints what its comments say against the API on Kestrel.
/// </summary>
[NonParallelizable]
public sealed partial class ClientExampleTests
{
    private static async Task RunReadmeExampleAsync(HttpClient http)
    {
        // docs/client.md begin
        var api = new ApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http));

        Console.WriteLine(await api.Test["007"].GetAsync());                                // test 7
        var answer = await api.Exemple.PostAsync(new ExempleForm { Param1 = "jeej" });
        Console.WriteLine(answer!.Return1);                                                 // jeejAAA
        try
        {
            await api.Exemple.PostAsync(new ExempleForm());
        }
        catch (ValidationProblemDetails problem)
        {
            Console.WriteLine($"{problem.Status} {string.Join(", ", problem.Errors!.AdditionalData.Keys)}"); // 400 param1
        }

        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var item = await api.Items.PostAsync(new ItemRequest { Name = "Widget", Price = 19.99m }, config => config.Options.Add(headers));
        var etag = headers.ResponseHeaders["ETag"].Single();
        Console.WriteLine($"{item!.Id} {item.Price} {etag}");                               // 1 19.99 "1.1"
        item = await api.Items[item.Id!.Value].PutAsync(new ItemRequest { Name = "Widget", Price = 21.5m }, config => config.Headers.Add("If-Match", etag));
        Console.WriteLine(item!.Price);                                                      // 21.5
        try
        {
            await api.Items[item.Id!.Value].DeleteAsync(config => config.Headers.Add("If-Match", etag));
        }
        catch (ProblemDetails problem)
        {
            Console.WriteLine(problem.Status);                                               // 412
        }

        await api.Items[item.Id!.Value].DeleteAsync();

        // docs/client.md end
    }

    [Test]
    public void The_client_page_shows_this_code()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "client.md"));
        var shown = CSharpBlock().Match(readme).Groups[1].Value.Split('\n');
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "Api.Tests", "Client", "ClientExampleTests.cs"));
        var held = Region().Match(source).Groups[1].Value.Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.Trim());

        Assert.That(shown.SkipWhile(line => !line.StartsWith("var api", StringComparison.Ordinal)), Is.EqualTo(held));
    }

    [Test]
    public async Task The_example_prints_what_its_comments_say()
    {
        using var api = await ApiProcess.StartListeningAsync();
        using var http = KiotaClientFactory.Create();
        http.BaseAddress = new Uri($"http://127.0.0.1:{api.Port}");
        var printed = new StringWriter();
        var console = Console.Out;
        Console.SetOut(printed);
        try
        {
            await RunReadmeExampleAsync(http);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(printed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "test 7", "jeejAAA", "400 param1", "1 19.99 \"1.1\"", "21.5", "412" }));
        Assert.That((await api.SendAsync(ApiRequest.Get("/items/1"))).Status, Is.EqualTo(404), "deleted");
    }

    [GeneratedRegex("```csharp\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"// docs/client.md begin\n(.*?)\n\n\s*// docs/client.md end", RegexOptions.Singleline)]
    private static partial Regex Region();
}
