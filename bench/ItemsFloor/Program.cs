using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Encodings.Web;
using System.Text.Json;
using ItemsFloor;
using Microsoft.Net.Http.Headers;

// The floor the items are measured against (bench/items.sh): raw Kestrel, one middleware that hand-dispatches
// GET, POST and PUT on /items, and the database's own ADO.NET driver running the statements the API's store runs
// (docs/design.md, "Items: storage"), on the same database, with the API's JSON and the headers a client relies on
// (ETag, Last-Modified, Location, Link, Cache-Control). Settings as the API names them: Database:Provider (Sqlite,
// the default, or Postgres) and ConnectionStrings:Items.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Items")
    ?? throw new InvalidOperationException("ConnectionStrings:Items names no database.");
ItemTable items = string.Equals(builder.Configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
    ? new PostgresItemTable(connectionString)
    : await SqliteItemTable.OpenAsync(connectionString);
var app = builder.Build();
var hello = "Hello World"u8.ToArray();

app.Run(async context =>
{
    var (request, response) = (context.Request, context.Response);
    var path = request.Path.Value ?? "";
    var cancellationToken = context.RequestAborted;
    if (path == "/" && HttpMethods.IsGet(request.Method))
    {
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = hello.Length;
        await response.Body.WriteAsync(hello, cancellationToken);
    }
    else if (path == "/items" && HttpMethods.IsGet(request.Method))
    {
        await Endpoints.ListAsync(items, request, response, cancellationToken);
    }
    else if (path == "/items" && HttpMethods.IsPost(request.Method))
    {
        await Endpoints.CreateAsync(items, request, response, cancellationToken);
    }
    else if (path.StartsWith("/items/", StringComparison.Ordinal)
        && long.TryParse(path.AsSpan("/items/".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
    {
        if (HttpMethods.IsGet(request.Method))
        {
            await Endpoints.GetAsync(items, id, response, cancellationToken);
        }
        else if (HttpMethods.IsPut(request.Method))
        {
            await Endpoints.ReplaceAsync(items, id, request, response, cancellationToken);
        }
        else
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }
    }
    else
    {
        response.StatusCode = StatusCodes.Status404NotFound;
    }
});

app.Run();

namespace ItemsFloor
{
    internal static class Endpoints
    {
        // The API's: non-ASCII text as UTF-8, "&" as it is.
        private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static async Task GetAsync(ItemTable items, long id, HttpResponse response, CancellationToken cancellationToken)
        {
            if (await items.FindAsync(id, cancellationToken) is not { } item)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await AnswerAsync(response, StatusCodes.Status200OK, item, cancellationToken);
        }

        public static async Task ListAsync(ItemTable items, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        {
            var query = request.Query;
            var after = 0L;
            var limit = 20;
            if ((query.TryGetValue("after", out var afterText) && !(long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
                || (query.TryGetValue("limit", out var limitText) && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 100)))
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var page = await items.PageAsync(after, limit + 1, cancellationToken);
            var next = page.Count > limit ? $"/items?after={page[limit - 1].Id}&limit={limit}" : null;
            var body = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(body, Json))
            {
                json.WriteStartObject();
                json.WriteStartArray("items");
                for (var i = 0; i < Math.Min(limit, page.Count); i++)
                {
                    WriteItem(json, page[i]);
                }

                json.WriteEndArray();
                json.WriteString("next", next);
                json.WriteEndObject();
            }

            // The API's ETag of a page: XXH128 of the body, in base64url.
            Span<byte> hash = stackalloc byte[16];
            XxHash128.Hash(body.WrittenSpan, hash);
            response.Headers.ETag = $"\"{Base64Url.EncodeToString(hash)}\"";
            if (next is not null)
            {
                response.Headers.Link = $"<{next}>; rel=\"next\"";
            }

            await WriteAsync(response, StatusCodes.Status200OK, body, cancellationToken);
        }

        public static async Task CreateAsync(ItemTable items, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        {
            if (await ReadAsync(request, cancellationToken) is not { } fields)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var item = await items.AddAsync(fields, Now(), cancellationToken);
            response.Headers.Location = $"/items/{item.Id}";
            await AnswerAsync(response, StatusCodes.Status201Created, item, cancellationToken);
        }

        // As the API's controller: an If-Match of one of the item's tags is the version the UPDATE changes, without a read;
        // otherwise the preconditions are checked against the item as read, and the UPDATE changes that version only;
        // when another change came first, they are checked again on that one.
        public static async Task ReplaceAsync(ItemTable items, long id, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
        {
            if (await ReadAsync(request, cancellationToken) is not { } fields)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var ifMatch = request.Headers.IfMatch.ToString();
            var prefix = $"\"{id}.";
            if (request.Headers.IfNoneMatch.Count == 0 && ifMatch.StartsWith(prefix, StringComparison.Ordinal) && ifMatch.EndsWith('"')
                && long.TryParse(ifMatch.AsSpan()[prefix.Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var matched)
                && ETagOf(id, matched) == ifMatch)
            {
                var (changed, found) = await items.ReplaceAsync(id, matched, fields, Now(), cancellationToken);
                if (changed is not null) await AnswerAsync(response, StatusCodes.Status200OK, changed, cancellationToken);
                else response.StatusCode = found ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status404NotFound;
                return;
            }

            while (true)
            {
                if (await items.FindAsync(id, cancellationToken) is not { } current)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                if (!IfMatchHolds(request.Headers.IfMatch.ToString(), ETagOf(current)))
                {
                    response.StatusCode = StatusCodes.Status412PreconditionFailed;
                    return;
                }

                var (replaced, exists) = await items.ReplaceAsync(id, current.Version, fields, Now(), cancellationToken);
                if (replaced is not null)
                {
                    await AnswerAsync(response, StatusCodes.Status200OK, replaced, cancellationToken);
                    return;
                }

                if (!exists)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
            }
        }

        /// <summary>The body's fields, or null when it is not JSON or breaks the API's rules.</summary>
        private static async Task<ItemFields?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            ItemInput? input;
            try
            {
                input = await request.ReadFromJsonAsync(FloorJson.Default.ItemInput, cancellationToken);
            }
            catch (JsonException)
            {
                return null;
            }
            catch (InvalidOperationException)
            {
                return null; // not a JSON media type
            }

            return input is { Name.Length: >= 1 and <= 100, Price: { } price } && input.Description is not { Length: > 1000 }
                && price is >= 0 and <= 1_000_000_000 && decimal.Truncate(price * 100) == price * 100
                ? new ItemFields(input.Name, input.Description, (long)(price * 100))
                : null;
        }

        // "*" or a list of strong tags, one of them the item's.
        private static bool IfMatchHolds(string header, string etag)
        {
            if (header.Length == 0)
            {
                return true;
            }

            foreach (var range in header.AsSpan().Split(','))
            {
                var tag = header.AsSpan(range).Trim();
                if (tag is "*" || tag.SequenceEqual(etag))
                {
                    return true;
                }
            }

            return false;
        }

        private static Task AnswerAsync(HttpResponse response, int status, ItemRow item, CancellationToken cancellationToken)
        {
            response.Headers.ETag = ETagOf(item);
            response.Headers.LastModified = HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(item.UpdatedAt).ToUnixTimeSeconds()));
            var body = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(body, Json))
            {
                WriteItem(json, item);
            }

            return WriteAsync(response, status, body, cancellationToken);
        }

        private static async Task WriteAsync(HttpResponse response, int status, ArrayBufferWriter<byte> body, CancellationToken cancellationToken)
        {
            response.StatusCode = status;
            response.ContentType = "application/json";
            response.ContentLength = body.WrittenCount;
            response.Headers.CacheControl = "no-cache";
            await response.Body.WriteAsync(body.WrittenMemory, cancellationToken);
        }

        // The API's ItemResponse: the price in units (cents / 100, no trailing zeros), times in UTC to the microsecond.
        private static void WriteItem(Utf8JsonWriter json, ItemRow item)
        {
            json.WriteStartObject();
            json.WriteNumber("id", item.Id);
            json.WriteString("name", item.Name);
            json.WriteString("description", item.Description);
            json.WriteNumber("price", item.PriceCents / 100m);
            json.WriteString("createdAt", item.CreatedAt);
            json.WriteString("updatedAt", item.UpdatedAt);
            json.WriteEndObject();
        }

        private static string ETagOf(ItemRow item) => ETagOf(item.Id, item.Version);

        private static string ETagOf(long id, long version) => $"\"{id}.{version}\"";

        /// <summary>Now, in whole microseconds, as the API's store takes it.</summary>
        private static DateTime Now()
        {
            var ticks = DateTime.UtcNow.Ticks;
            return new DateTime(ticks - (ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
        }
    }
}
