using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Api.Features.Items;

/// <summary>
/// The items table, the same on both databases but for the id's generator and the times' column type: one context
/// type per provider, so that each has its own model, compiled queries and committed migrations.
/// </summary>
internal abstract class ItemsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Table = "items";

    public DbSet<Item> Items => Set<Item>();

    /// <summary>A price as the <c>price_cents</c> column holds it: a whole number of cents.</summary>
    public static long Cents(decimal price) => (long)(price * 100);

    /// <summary>The price as the database gives it back: <c>0.10</c> is <c>0.1</c>.</summary>
    public static decimal Stored(decimal price) => Cents(price) / 100m;

    /// <summary>A time as the <c>created_at</c> and <c>updated_at</c> columns hold it, for SQL written by hand.</summary>
    public abstract object StoredTime(DateTime utc);

    /// <summary>A time as such a column gives it back to SQL written by hand.</summary>
    public abstract DateTime TimeRead(object stored);

    /// <summary>
    /// The value of a nullable text column, for SQL written by hand: typed as text even when null, so that PostgreSQL's
    /// prepared statement, whose parameters' types are those of its first run, serves the null and the other values.
    /// </summary>
    public abstract object? TextParameter(string? text);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(item =>
        {
            item.ToTable(Table, table =>
            {
                table.HasCheckConstraint("ck_items_name", "length(\"name\") BETWEEN 1 AND 100");
                table.HasCheckConstraint("ck_items_description", "\"description\" IS NULL OR length(\"description\") <= 1000");
                table.HasCheckConstraint("ck_items_price_cents", "\"price_cents\" BETWEEN 0 AND 100000000000");
                table.HasCheckConstraint("ck_items_version", "\"version\" >= 1");
            });
            item.HasKey(i => i.Id).HasName("pk_items");
            item.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
            item.Property(i => i.Name).HasColumnName("name").HasMaxLength(ItemRules.NameMaxLength);
            item.Property(i => i.Description).HasColumnName("description").HasMaxLength(ItemRules.DescriptionMaxLength);
            item.Property(i => i.Price).HasColumnName("price_cents").HasConversion(new CentsConverter());
            item.Property(i => i.CreatedAt).HasColumnName("created_at");
            item.Property(i => i.UpdatedAt).HasColumnName("updated_at");
            item.Property(i => i.Version).HasColumnName("version").IsConcurrencyToken();
        });
    }

    /// <summary>A price as a whole number of cents (a 64-bit integer): exact, and the same column type on both databases.</summary>
    private sealed class CentsConverter() : ValueConverter<decimal, long>(price => Cents(price), cents => cents / 100m);
}

internal sealed class SqliteItemsDbContext(DbContextOptions<SqliteItemsDbContext> options) : ItemsDbContext(options)
{
    public override object StoredTime(DateTime utc) => MicrosecondsConverter.ToMicroseconds(utc);

    public override DateTime TimeRead(object stored) => MicrosecondsConverter.FromMicroseconds((long)stored);

    public override object? TextParameter(string? text) => text;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Item>(item =>
        {
            item.Property(i => i.CreatedAt).HasConversion(new MicrosecondsConverter());
            item.Property(i => i.UpdatedAt).HasConversion(new MicrosecondsConverter());
        });
    }

    /// <summary>
    /// A UTC time as whole microseconds since 1970 in an INTEGER column: SQLite has no time type, and its TEXT form
    /// would read back with an unspecified kind.
    /// </summary>
    private sealed class MicrosecondsConverter() : ValueConverter<DateTime, long>(time => ToMicroseconds(time), microseconds => FromMicroseconds(microseconds))
    {
        public static long ToMicroseconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

        public static DateTime FromMicroseconds(long microseconds) => new(DateTime.UnixEpoch.Ticks + (microseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }
}

internal sealed class PostgresItemsDbContext(DbContextOptions<PostgresItemsDbContext> options) : ItemsDbContext(options)
{
    public override object StoredTime(DateTime utc) => utc;

    public override DateTime TimeRead(object stored) => (DateTime)stored;

    public override object? TextParameter(string? text) => new Npgsql.NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // An identity column: PostgreSQL's sequence never hands out a value twice, and ALWAYS refuses an id given by hand.
        modelBuilder.Entity<Item>().Property(i => i.Id).UseIdentityAlwaysColumn();
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: the SQLite model, without a database.</summary>
internal sealed class SqliteItemsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteItemsDbContext>
{
    // Stryker disable once String: dotnet ef reads the model from it and never connects
    public SqliteItemsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteItemsDbContext>().UseSqlite("Data Source=items.db").Options);
}

/// <summary>For <c>dotnet ef migrations add</c>: the PostgreSQL model, without a server.</summary>
internal sealed class PostgresItemsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresItemsDbContext>
{
    // Stryker disable once String: dotnet ef reads the model from it and never connects
    public PostgresItemsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresItemsDbContext>().UseNpgsql("Host=localhost;Database=items").Options);
}
