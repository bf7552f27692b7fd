using Api.Limits;
using Api.WriteAccess;

namespace Api.Features.Items;

/// <summary>
/// <c>/items</c>: the five verbs on stored items. An item's strong ETag is its id and version, its Last-Modified its
/// last change; every answer is revalidated before it is reused (<c>no-cache</c>), and a change honours If-Match and If-Unmodified-Since
/// (<see cref="Preconditions"/>). A body is JSON or a form.
/// </summary>
[ApiController]
[Route("/items")]
[Tags(ApiTags.Items)]
[RequestTimeout(RequestLimitsExtensions.BodyReadingPolicy)]
[ResponseCache(Location = ResponseCacheLocation.None)]
[BearerTokenForWrites]
public sealed class ItemsController(IItemStore store, TimeProvider time) : ControllerBase
{
    private const string Example = """{"id":1,"name":"Widget","description":null,"price":19.99,"createdAt":"2026-12-07T10:00:00.123456Z","updatedAt":"2026-12-07T10:00:00.123456Z"}""";

    [HttpGet(Name = "listItems")]
    [DocumentOrder(1)]
    [EndpointSummary("List items")]
    [EndpointDescription(
        "A page of items in ascending `id`, from the first or after `after`. `next` is the next page's URL, also sent as " +
        "`Link: <next>; rel=\"next\"`, or null on the last page; a walk along `next` sees every item that exists for the whole walk once.")]
    [ProducesResponseType<ItemPageResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [ResponseHeader(StatusCodes.Status200OK, "Link")]
    [ResponseExample(StatusCodes.Status200OK, """{"items":[{"id":1,"name":"Widget","description":null,"price":19.99,"createdAt":"2026-12-07T10:00:00.123456Z","updatedAt":"2026-12-07T10:00:00.123456Z"}],"next":"/items?after=1&limit=1"}""")]
    public async Task<ActionResult<ItemPageResponse>> List([FromQuery] ItemListQuery query, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(query.After, query.Limit, cancellationToken);
        var next = page.HasMore ? $"/items?after={page.Items[^1].Id}&limit={query.Limit}" : null;
        if (next is not null) Response.Headers.Link = $"<{next}>; rel=\"next\"";

        return new ItemPageResponse([.. page.Items.Select(ItemResponse.From)], next);
    }

    [HttpGet("{id:long}", Name = "getItem")]
    [DocumentOrder(2)]
    [EndpointSummary("Get an item")]
    [EndpointDescription("The item, with its `ETag` and `Last-Modified`; `If-None-Match` or `If-Modified-Since` naming the current item gives 304.")]
    [ProducesResponseType<ItemResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [ResponseHeader(StatusCodes.Status200OK, "Last-Modified")]
    [ResponseExample(StatusCodes.Status200OK, Example)]
    public async Task<ActionResult<ItemResponse>> Get(long id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } item ? Answer(item) : NotFound();

    [HttpPost(Name = "createItem")]
    [EndpointSummary("Create an item")]
    [EndpointDescription("Stores a new item and answers it with its `Location`, `ETag` and `Last-Modified`.")]
    [ProducesResponseType<ItemResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [ResponseHeader(StatusCodes.Status201Created, "Location")]
    [ResponseHeader(StatusCodes.Status201Created, "ETag")]
    [ResponseHeader(StatusCodes.Status201Created, "Last-Modified")]
    [ResponseLinks(StatusCodes.Status201Created, "id", "getItem", "replaceItem", "deleteItem")]
    [ResponseExample(StatusCodes.Status201Created, Example)]
    // Nullable, so that a body that does not read is its one error, not also "the item field is required"; [ApiController]
    // answers 400 before the action runs without it.
    public async Task<ActionResult<ItemResponse>> Create([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Disallow)] ItemRequest? item, CancellationToken cancellationToken)
    {
        var created = await store.AddAsync(item!.ToFields(), cancellationToken);
        SetValidators(created);
        return Created(Url.Action(nameof(Get), new { id = created.Id }), ItemResponse.From(created));
    }

    [HttpPut("{id:long}", Name = "replaceItem")]
    [EndpointSummary("Replace an item")]
    [EndpointDescription(
        "Replaces the item's `name`, `description` and `price`; never creates one. With `If-Match` or `If-Unmodified-Since`, only " +
        "while the item is still the one they name: 412 otherwise, and nothing changes.")]
    [ProducesResponseType<ItemResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    [ResponseHeader(StatusCodes.Status200OK, "ETag")]
    [ResponseHeader(StatusCodes.Status200OK, "Last-Modified")]
    [ResponseExample(StatusCodes.Status200OK, Example)]
    public Task<ActionResult<ItemResponse>> Replace(long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Disallow)] ItemRequest? item, CancellationToken cancellationToken) =>
        ReplaceAsync(id, item!, cancellationToken);

    [HttpDelete("{id:long}", Name = "deleteItem")]
    [EndpointSummary("Delete an item")]
    [EndpointDescription("Deletes the item. With `If-Match` or `If-Unmodified-Since`, only while the item is still the one they name: 412 otherwise, and it stays.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Delete(long id, CancellationToken cancellationToken)
    {
        if (MatchedVersion(id) is { } matched)
        {
            var outcome = await store.DeleteAsync(id, matched, cancellationToken);
            return outcome == DeleteOutcome.Deleted ? NoContent() : outcome == DeleteOutcome.NotFound ? NotFound() : StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        while (true)
        {
            if (await store.FindAsync(id, cancellationToken) is not { } current) return NotFound();

            if (!PreconditionsHold(current)) return StatusCode(StatusCodes.Status412PreconditionFailed);

            switch (await store.DeleteAsync(id, current.Version, cancellationToken))
            {
                case DeleteOutcome.Deleted:
                    return NoContent();
                case DeleteOutcome.NotFound:
                    return NotFound();
            }
        }
    }


    // A change is made on the version its preconditions were checked against; when another change came first, they are
    // checked again on that one (a stale If-Match then fails, a request without preconditions goes ahead).
    private async Task<ActionResult<ItemResponse>> ReplaceAsync(long id, ItemRequest request, CancellationToken cancellationToken)
    {
        var fields = request.ToFields();
        if (MatchedVersion(id) is { } matched)
        {
            var outcome = await store.ReplaceAsync(id, matched, fields, cancellationToken);
            if (outcome.Outcome == ReplaceOutcome.Replaced) return Answer(outcome.Item!);
            return outcome.Outcome == ReplaceOutcome.NotFound ? NotFound() : StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        while (true)
        {
            if (await store.FindAsync(id, cancellationToken) is not { } current) return NotFound();

            if (!PreconditionsHold(current)) return StatusCode(StatusCodes.Status412PreconditionFailed);

            var replaced = await store.ReplaceAsync(id, current.Version, fields, cancellationToken);
            if (replaced.Outcome == ReplaceOutcome.Replaced) return Answer(replaced.Item!);

            if (replaced.Outcome == ReplaceOutcome.NotFound) return NotFound();
        }
    }

    // If-Match naming one version of this item, and no If-None-Match (If-Unmodified-Since yields to If-Match): the change
    // is made on that version without reading the item first, and the precondition fails when the item has another.
    private long? MatchedVersion(long id)
    {
        var headers = Request.Headers;
        if (headers.IfNoneMatch.Count > 0 || headers.IfMatch.Count != 1 || !EntityTagHeaderValue.TryParse(headers.IfMatch[0], out var tag) || tag.IsWeak) return null;
        var dot = tag.Tag.AsSpan().IndexOf('.');
        return dot > 0 && long.TryParse(tag.Tag.AsSpan()[(dot + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && ETagOf(id, version) == tag.Tag ? version : null;
    }

    private bool PreconditionsHold(Item current) =>
        Preconditions.Evaluate(Request, ETagOf(current), LastModifiedOf(current)) == PreconditionOutcome.Proceed;

    private ItemResponse Answer(Item item)
    {
        SetValidators(item);
        return ItemResponse.From(item);
    }

    private void SetValidators(Item item)
    {
        // Now, not the server's Date of the last whole second, which may come before a change made since (RFC 9110 §8.8.2.1).
        Response.Headers.Date = HeaderUtilities.FormatDate(time.GetUtcNow());
        Response.Headers.ETag = ETagOf(item);
        Response.Headers.LastModified = HeaderUtilities.FormatDate(LastModifiedOf(item));
    }

    private static string ETagOf(Item item) => ETagOf(item.Id, item.Version);

    private static string ETagOf(long id, long version) => $"\"{id}.{version}\"";

    private static DateTimeOffset LastModifiedOf(Item item) => DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(item.UpdatedAt).ToUnixTimeSeconds());
}
