using System.ComponentModel.DataAnnotations;

namespace TemplateItems.Models;

public class ItemDTO
{
    public long Id { get; set; }

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string? Name { get; set; }

    [StringLength(1000)]
    public string? Description { get; set; }

    [Range(typeof(decimal), "0", "1000000000")]
    public decimal Price { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public record ItemPageDTO(IEnumerable<ItemDTO> Items, string? Next);
