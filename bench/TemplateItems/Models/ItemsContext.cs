using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TemplateItems.Models;

public class ItemsContext : DbContext
{
    public ItemsContext(DbContextOptions<ItemsContext> options)
        : base(options)
    {
    }

    public DbSet<Item> Items { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // SQLite has no time type: the API's table keeps microseconds since 1970 in INTEGER columns.
        if (Database.IsSqlite())
        {
            var microseconds = new ValueConverter<DateTime, long>(
                time => (time.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond,
                value => new DateTime(DateTime.UnixEpoch.Ticks + (value * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc));
            modelBuilder.Entity<Item>().Property(item => item.CreatedAt).HasConversion(microseconds);
            modelBuilder.Entity<Item>().Property(item => item.UpdatedAt).HasConversion(microseconds);
        }
    }
}
