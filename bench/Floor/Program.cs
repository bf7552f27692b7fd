using System.Text;

// The throughput floor the API is measured against: raw Kestrel, one middleware that
// hand-dispatches the four benchmark requests and writes the same bodies the API writes.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var hello = Encoding.UTF8.GetBytes("Hello World");
var exemple = Encoding.UTF8.GetBytes("""{"return1":"jeejAAA"}""");

app.Run(async context =>
{
    var request = context.Request;
    var response = context.Response;
    var path = request.Path.Value;
    if (HttpMethods.IsGet(request.Method) && path == "/")
    {
        await Write(response, hello, "text/plain; charset=utf-8");
    }
    else if (HttpMethods.IsGet(request.Method) && path is not null && path.StartsWith("/test/", StringComparison.Ordinal))
    {
        await Write(response, Encoding.UTF8.GetBytes("test " + path["/test/".Length..]), "text/plain; charset=utf-8");
    }
    else if (HttpMethods.IsPost(request.Method) && path == "/exemple")
    {
        var form = await request.ReadFormAsync();
        await Write(response, form.ContainsKey("param1") ? Encoding.UTF8.GetBytes($$"""{"return1":"{{form["param1"]}}AAA"}""") : exemple, "application/json");
    }
    else if (HttpMethods.IsPost(request.Method) && path == "/test")
    {
        var form = await request.ReadFormAsync();
        var json = "{" + string.Join(',', form.Select(f => $"\"{f.Key}\":\"{f.Value}\"")) + "}";
        await Write(response, Encoding.UTF8.GetBytes(json), "application/json");
    }
    else
    {
        response.StatusCode = StatusCodes.Status404NotFound;
    }
});

app.Run();

static Task Write(HttpResponse response, byte[] body, string contentType)
{
    response.ContentType = contentType;
    response.ContentLength = body.Length;
    return response.Body.WriteAsync(body).AsTask();
}
