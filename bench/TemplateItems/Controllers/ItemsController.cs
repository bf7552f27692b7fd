using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TemplateItems.Models;

namespace TemplateItems.Controllers;

/// <summary>
/// The items as the EF Core web API tutorial writes a controller: the context injected, FindAsync, tracking queries,
/// SaveChangesAsync; the version as a concurrency token, and its ETag checked against If-Match.
/// </summary>
[Route("items")]
[ApiController]
public class ItemsController : ControllerBase
{
    private readonly ItemsContext _context;

    public ItemsController(ItemsContext context)
    {
        _context = context;
    }

    // GET: items?after=0&limit=20
    [HttpGet]
    public async Task<ActionResult<ItemPageDTO>> GetItems([Range(0, long.MaxValue)] long after = 0, [Range(1, 100)] int limit = 20)
    {
        var items = await _context.Items.Where(item => item.Id > after).OrderBy(item => item.Id).Take(limit + 1).ToListAsync();
        var next = items.Count > limit ? $"/items?after={items[limit - 1].Id}&limit={limit}" : null;
        return new ItemPageDTO(items.Take(limit).Select(ItemToDTO).ToList(), next);
    }

    // GET: items/5
    [HttpGet("{id}")]
    public async Task<ActionResult<ItemDTO>> GetItem(long id)
    {
        var item = await _context.Items.FindAsync(id);
        if (item == null)
        {
            return NotFound();
        }

        Response.Headers.ETag = ETag(item);
        return ItemToDTO(item);
    }

    // PUT: items/5
    [HttpPut("{id}")]
    public async Task<ActionResult<ItemDTO>> PutItem(long id, ItemDTO itemDTO)
    {
        var item = await _context.Items.FindAsync(id);
        if (item == null)
        {
            return NotFound();
        }

        if (Request.Headers.IfMatch.Count > 0 && Request.Headers.IfMatch != ETag(item))
        {
            return StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        item.Name = itemDTO.Name!;
        item.Description = itemDTO.Description;
        item.PriceCents = (long)(itemDTO.Price * 100);
        item.UpdatedAt = DateTime.UtcNow;
        item.Version++;

        try
        {
            await _context.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return StatusCode(StatusCodes.Status412PreconditionFailed);
        }

        Response.Headers.ETag = ETag(item);
        return ItemToDTO(item);
    }

    // POST: items
    [HttpPost]
    public async Task<ActionResult<ItemDTO>> PostItem(ItemDTO itemDTO)
    {
        var now = DateTime.UtcNow;
        var item = new Item
        {
            Name = itemDTO.Name!,
            Description = itemDTO.Description,
            PriceCents = (long)(itemDTO.Price * 100),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

        _context.Items.Add(item);
        await _context.SaveChangesAsync();

        Response.Headers.ETag = ETag(item);
        return CreatedAtAction(nameof(GetItem), new { id = item.Id }, ItemToDTO(item));
    }

    private static string ETag(Item item) => $"\"{item.Id}.{item.Version}\"";

    private static ItemDTO ItemToDTO(Item item) =>
        new()
        {
            Id = item.Id,
            Name = item.Name,
            Description = item.Description,
            Price = item.PriceCents / 100m,
            CreatedAt = item.CreatedAt,
            UpdatedAt = item.UpdatedAt,
        };
}
