using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Api.Features.Items;

internal static class ItemStoreExtensions
{
    /// <summary>
    /// The item store on the configured database (<c>Database:Provider</c>, <c>ConnectionStrings:Items</c>), opened
    /// and, unless <c>Database:MigrateOnStart</c> is false, migrated before the API listens.
    /// </summary>
    public static IServiceCollection AddItemStore(this IServiceCollection services)
    {
        services.AddSettings<ItemsDatabaseSettings>("");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ItemStoreHealth>();
        services.AddSingleton(provider => ItemStoreTarget.From(
            provider.GetRequiredService<IOptions<ItemsDatabaseSettings>>().Value, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddPooledDbContextFactory<SqliteItemsDbContext>((provider, options) =>
        {
            var target = provider.GetRequiredService<ItemStoreTarget>();
            options.UseSqlite(target.ConnectionString, sqlite => sqlite.CommandTimeout(target.TimeoutSeconds)).ConfigureWarnings(QuietFailures);
        });
        services.AddPooledDbContextFactory<PostgresItemsDbContext>((provider, options) =>
        {
            var target = provider.GetRequiredService<ItemStoreTarget>();
            options.UseNpgsql(target.ConnectionString, postgres => postgres.CommandTimeout(target.TimeoutSeconds)).ConfigureWarnings(QuietFailures);
        });
        services.AddSingleton(provider => provider.GetRequiredService<ItemStoreTarget>().Provider == ItemsDatabaseSettings.Postgres
            ? (IItemStoreProbe)Store<PostgresItemsDbContext>(provider, writes: null)
            : Store(provider, provider.GetRequiredService<SqliteWriteQueue<SqliteItemsDbContext>>()));
        services.AddSingleton(provider => new SqliteWriteQueue<SqliteItemsDbContext>(provider.GetRequiredService<IDbContextFactory<SqliteItemsDbContext>>()));
        services.AddSingleton(provider => (IItemStore)provider.GetRequiredService<IItemStoreProbe>());
        services.AddSingleton(provider => provider.GetRequiredService<ItemStoreTarget>().Provider == ItemsDatabaseSettings.Postgres
            ? (ItemStoreOpener)new ItemStoreOpener<PostgresItemsDbContext>(provider.GetRequiredService<IDbContextFactory<PostgresItemsDbContext>>(), provider.GetRequiredService<ItemStoreTarget>(), provider.GetRequiredService<IItemStoreProbe>())
            : new ItemStoreOpener<SqliteItemsDbContext>(provider.GetRequiredService<IDbContextFactory<SqliteItemsDbContext>>(), provider.GetRequiredService<ItemStoreTarget>(), provider.GetRequiredService<IItemStoreProbe>()));
        services.AddHostedService<ItemStoreStartup>();
        services.AddExceptionHandler<StoreUnavailableHandler>();
        return services;
    }

    /// <summary>The store's readiness check, tagged as the readiness probe's: see <see cref="ItemStoreHealthCheck"/>.</summary>
    public static IHealthChecksBuilder AddItemStoreCheck(this IHealthChecksBuilder checks, string tag) =>
        checks.AddCheck<ItemStoreHealthCheck>("items", tags: [tag]);

    /// <summary>
    /// <c>dotnet Api.dll migrate</c>: applies the migrations the database lacks and exits, 0 when it is up to date,
    /// <see cref="ItemStoreStartException.IoErrorExitCode"/> with one line when it cannot be opened.
    /// </summary>
    public static int MigrateItemStore(this WebApplication app)
    {
        try
        {
            var applied = app.Services.GetRequiredService<ItemStoreOpener>().OpenAsync(migrate: true, CancellationToken.None).GetAwaiter().GetResult();
            var where = app.Services.GetRequiredService<ItemStoreTarget>().Where;
            // Stryker disable once String: one migration so far, and a separator joins none
            var names = string.Join(", ", applied);
            Console.WriteLine(applied.Count == 0 ? $"The item store at {where} is up to date." : $"Applied to the item store at {where}: {names}.");
            return 0;
        }
        catch (ItemStoreStartException failure)
        {
            Console.Error.WriteLine(failure.Message);
            return ItemStoreStartException.IoErrorExitCode;
        }
    }

    /// <summary>
    /// A failed query is EF Core's error entry with a stack trace, once per request while the database is down: the
    /// store reports an outage once (<see cref="ItemStoreHealth"/>), and any other failure is an answered 500, logged.
    /// </summary>
    private static void QuietFailures(WarningsConfigurationBuilder warnings) => warnings.Log((CoreEventId.QueryIterationFailed, LogLevel.Debug));

    private static EfItemStore<TContext> Store<TContext>(IServiceProvider provider, SqliteWriteQueue<TContext>? writes)
        where TContext : ItemsDbContext =>
        new EfItemStore<TContext>(
            provider.GetRequiredService<IDbContextFactory<TContext>>(), provider.GetRequiredService<ItemStoreHealth>(), provider.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(provider.GetRequiredService<ItemStoreTarget>().TimeoutSeconds), writes);
}

/// <summary>The database the settings name: its provider, its full connection string, and where it is, said without a password.</summary>
internal sealed record ItemStoreTarget(string Provider, string ConnectionString, string Where, int TimeoutSeconds)
{
    /// <summary>Npgsql's <c>Max Auto Prepare</c> unless the connection string sets it: more than the store's statements.</summary>
    public const int StatementsPrepared = 20;

    public static ItemStoreTarget From(ItemsDatabaseSettings settings, string contentRoot)
    {
        var timeout = settings.Database.TimeoutSeconds;
        if (settings.ProviderName == ItemsDatabaseSettings.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(settings.ConnectionStrings.Items);
            // What the connection string leaves out, by Npgsql's own names for its keywords, whichever synonym was written.
            var given = ((DbConnectionStringBuilder)postgres).Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            // The pool's wait and the connection's: Npgsql's default is 15 s, whatever the command timeout.
            if (!given.Contains("Timeout")) postgres.Timeout = timeout;
            // The store's command timeout as the connection's own: Npgsql re-sets the socket's timeouts whenever they differ.
            if (!given.Contains("Command Timeout")) postgres.CommandTimeout = timeout;
            // The store's few statements, each prepared once per connection rather than parsed and planned on every run;
            // a connection given back is not reset, since the store changes no session state (docs/operations.md).
            if (!given.Contains("Max Auto Prepare")) postgres.MaxAutoPrepare = StatementsPrepared;
            if (!given.Contains("No Reset On Close")) postgres.NoResetOnClose = true;
            return new(ItemsDatabaseSettings.Postgres, postgres.ConnectionString, $"{postgres.Host}:{postgres.Port}/{postgres.Database}", timeout);
        }

        var sqlite = new SqliteConnectionStringBuilder(settings.ConnectionStrings.Items);
        sqlite.DataSource = Path.GetFullPath(sqlite.DataSource, contentRoot);
        sqlite.DefaultTimeout = timeout;
        return new(ItemsDatabaseSettings.Sqlite, sqlite.ConnectionString, sqlite.DataSource, timeout);
    }
}
