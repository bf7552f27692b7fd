using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Api.Features.Items;

/// <summary>
/// Where the items are stored (bound from the root: sections <c>Database</c> and <c>ConnectionStrings</c>), checked
/// at start like every setting. A connection string is never echoed: it may hold a password.
/// </summary>
internal sealed class ItemsDatabaseSettings
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public DatabaseSection Database { get; } = new();

    public ConnectionStringsSection ConnectionStrings { get; } = new();

    /// <summary>Sqlite or Postgres, whatever the case; null when neither.</summary>
    public string? ProviderName => Database.Provider.ToUpperInvariant() switch
    {
        "SQLITE" => Sqlite,
        "POSTGRES" => Postgres,
        _ => null,
    };

    public TimeSpan Timeout => TimeSpan.FromSeconds(Database.TimeoutSeconds);

    internal sealed class DatabaseSection
    {
        public string Provider { get; set; } = Sqlite;

        public bool MigrateOnStart { get; set; } = true;

        /// <summary>The longest an operation waits on the database: for the writer's turn, a connection, and its statement.</summary>
        public int TimeoutSeconds { get; set; } = 5;
    }

    internal sealed class ConnectionStringsSection
    {
        public string Items { get; set; } = "Data Source=data/items.db";
    }
}

internal sealed class ItemsDatabaseSettingsValidator : AbstractValidator<ItemsDatabaseSettings>
{
    private const string Hidden = "(not shown)";

    public ItemsDatabaseSettingsValidator()
    {
        RuleFor(s => s.Database.Provider).Must((settings, _) => settings.ProviderName is not null).WithMessage("must be Sqlite or Postgres (in any case)");
        RuleFor(s => s.Database.TimeoutSeconds).InclusiveBetween(1, 300).WithMessage("must be a number of seconds from 1 to 300");
        RuleFor(s => s).Custom((settings, context) =>
        {
            var refusal = settings.ProviderName switch
            {
                ItemsDatabaseSettings.Sqlite => SqliteRefusal(settings.ConnectionStrings.Items),
                ItemsDatabaseSettings.Postgres => PostgresRefusal(settings.ConnectionStrings.Items),
                _ => null,
            };
            if (refusal is not null)
            {
                context.AddFailure(new ValidationFailure("ConnectionStrings.Items", refusal, Hidden));
            }
        });
    }

    private static string? SqliteRefusal(string connectionString)
    {
        const string Expected = "must be a SQLite connection string naming a file, such as Data Source=data/items.db";
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            return builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly
                ? Expected + " (writable, not in memory)"
                : null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            return Expected;
        }
    }

    private static string? PostgresRefusal(string connectionString)
    {
        const string Expected = "must be a PostgreSQL connection string, such as Host=db;Database=items;Username=api;Password=...";
        try
        {
            return string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Host) ? Expected + " (with a Host)" : null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            return Expected;
        }
    }
}
