using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Api.Tests.Textbook;

/// <summary>
/// A controller written as the ASP.NET Core documentation teaches, with nothing of the API's own:
/// an application part that only the tests load, so that adding one stays as simple as this.
/// </summary>
[ApiController]
[Route("probe")]
public sealed class ProbeController : ControllerBase
{
    public const int MissingId = 404;

    [HttpGet("{id:int}")]
    [ProducesResponseType<ProbeItem>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public ActionResult<ProbeItem> Get(int id) => id == MissingId ? NotFound() : new ProbeItem(id, $"item {id}");

    [HttpGet("by-guid/{g:guid}")]
    public ActionResult<GuidEcho> GetByGuid(Guid g) => Ok(new GuidEcho(g));

    [HttpGet("search")]
    public ActionResult<SearchEcho> Search([FromQuery] string? name, [FromQuery] int n) => Ok(new SearchEcho(name, n));

    [HttpPost("form")]
    public ActionResult<FormEcho> PostForm([FromForm] string? title) => Ok(new FormEcho(title));

    [HttpPost]
    [ProducesResponseType<ProbeItem>(StatusCodes.Status201Created)]
    public ActionResult<ProbeItem> Create([FromBody] NewProbeItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var created = new ProbeItem(item.Quantity, item.Name!);
        return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
    }
}

public sealed record ProbeItem(int Id, string Name);

public sealed record GuidEcho(Guid G);

public sealed record SearchEcho(string? Name, int N);

public sealed record FormEcho(string? Title);

public sealed class NewProbeItem
{
    [Required]
    [StringLength(20)]
    public string? Name { get; set; }

    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int Quantity { get; set; }

    public string? Code { get; set; }
}

/// <summary>A synchronous rule, which FluentValidation.AspNetCore's automatic validation can run too.</summary>
public class NewProbeItemNameValidator : AbstractValidator<NewProbeItem>
{
    public NewProbeItemNameValidator() => RuleFor(item => item.Name).NotEqual("forbidden").WithMessage("This name is not allowed.");
}

/// <summary>The synchronous rule and an asynchronous one, as a lookup in a store would be.</summary>
public sealed class NewProbeItemValidator : NewProbeItemNameValidator
{
    public const string TakenCode = "taken";

    public NewProbeItemValidator()
    {
        RuleFor(item => item.Code).MustAsync(async (code, cancellation) =>
        {
            await Task.Delay(1, cancellation);
            return code != TakenCode;
        }).WithMessage("This code is already taken.");
    }
}
