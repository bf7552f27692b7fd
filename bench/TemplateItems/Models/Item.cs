using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TemplateItems.Models;

// A row of the API's items table, which the API's migrations create: the price in cents, the version a concurrency token.
[Table("items")]
public class Item
{
    [Column("id")]
    public long Id { get; set; }

    [Column("name")]
    public string Name { get; set; } = "";

    [Column("description")]
    public string? Description { get; set; }

    [Column("price_cents")]
    public long PriceCents { get; set; }

    [Column("created_at")]
    public DateTime CreatedAt { get; set; }

    [Column("updated_at")]
    public DateTime UpdatedAt { get; set; }

    [Column("version")]
    [ConcurrencyCheck]
    public long Version { get; set; }
}
