using Api.Features.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Api.Tests.Features.Items;

/// <summary>
/// The database settings as the start reads them, in the test process: what is refused, with the line the start
/// writes (ItemStoreProcessTests checks a few of those lines on the real process), and what is taken, in any case.
/// </summary>
[NonParallelizable]
public sealed class ItemsDatabaseSettingsTests
{
    private const string SqliteExpected = "must be a SQLite connection string naming a file, such as Data Source=data/items.db";
    private const string PostgresExpected = "must be a PostgreSQL connection string, such as Host=db;Database=items;Username=api;Password=...";

    private static async Task<IReadOnlyList<string>> RefusalsAsync(params (string Key, string Value)[] settings)
    {
        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite, settings);
        try
        {
            _ = database.Services.GetRequiredService<IOptions<ItemsDatabaseSettings>>().Value;
            return [];
        }
        catch (OptionsValidationException refused)
        {
            return [.. refused.Failures];
        }
    }

    [Test]
    public void Without_settings_the_store_is_a_sqlite_file_in_the_content_roots_data_folder()
    {
        var target = ItemStoreTarget.From(new ItemsDatabaseSettings(), "/srv/api");

        Assert.That((target.Provider, target.Where), Is.EqualTo((ItemsDatabaseSettings.Sqlite, "/srv/api/data/items.db")));
    }

    [TestCase("Host=db", 20, true, 5)]
    [TestCase("Host=db;Max Auto Prepare=0;No Reset On Close=false;Command Timeout=7", 0, false, 7)]
    [TestCase("Host=db;maxautoprepare=5;NORESETONCLOSE=false;commandtimeout=9", 5, false, 9)]
    public void On_postgresql_statements_are_prepared_connections_not_reset_and_commands_timed_as_the_store_unless_the_connection_string_says(
        string connectionString, int maxAutoPrepare, bool noResetOnClose, int commandTimeout)
    {
        var settings = new ItemsDatabaseSettings();
        settings.Database.Provider = ItemsDatabaseSettings.Postgres;
        settings.ConnectionStrings.Items = connectionString;

        var used = new Npgsql.NpgsqlConnectionStringBuilder(ItemStoreTarget.From(settings, "/srv/api").ConnectionString);

        Assert.That((used.MaxAutoPrepare, used.NoResetOnClose, used.CommandTimeout), Is.EqualTo((maxAutoPrepare, noResetOnClose, commandTimeout)));
    }

    [Test]
    public async Task On_postgresql_a_statement_the_store_runs_often_is_prepared_on_the_server_and_stays_prepared()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Postgres);
        var added = await database.Store.AddAsync(new ItemFields("pen", null, 1m));
        // Npgsql prepares a statement at its fifth run on a connection; the pool hands its idle connections out in turn.
        for (var run = 0; run < 30; run++) await database.Store.FindAsync(added.Id);

        var contexts = database.Services.GetRequiredService<IDbContextFactory<PostgresItemsDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();

        Assert.That(prepared, Has.Some.Contains("FROM items"));
    }

    [Test]
    public async Task On_postgresql_an_item_without_a_description_is_added_by_the_same_prepared_statement_as_one_with()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Postgres);
        // A pool of its own with one connection: every statement below runs on it, and pg_prepared_statements is its own.
        await using var services = database.NewServices(("ConnectionStrings:Items", database.ConnectionString + ";Maximum Pool Size=1;Application Name=one connection"));
        var store = services.GetRequiredService<IItemStore>();
        const int Adds = 20;
        for (var add = 0; add < Adds; add++) await store.AddAsync(new ItemFields("pen", add % 2 == 0 ? null : "blue", 1m));

        await using var db = await services.GetRequiredService<IDbContextFactory<PostgresItemsDbContext>>().CreateDbContextAsync();
        var runsPrepared = await db.Database
            .SqlQueryRaw<long>("SELECT generic_plans + custom_plans AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO \"items\"%'")
            .ToListAsync();

        // Npgsql prepares a statement at its fifth run, typed as that run's parameters were; a null typed otherwise would run unprepared.
        Assert.That(runsPrepared.Sum(), Is.EqualTo(Adds - 4));
    }

    [Test]
    public void The_benchs_floor_with_the_apis_driver_settings_has_the_stores_defaults()
    {
        var settings = new ItemsDatabaseSettings();
        settings.Database.Provider = ItemsDatabaseSettings.Postgres;
        settings.ConnectionStrings.Items = "Host=db";
        var store = new Npgsql.NpgsqlConnectionStringBuilder(ItemStoreTarget.From(settings, "/srv/api").ConnectionString);
        var script = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "bench", "items.sh"));
        var suffix = System.Text.RegularExpressions.Regex.Match(script, "connection_suffix=\"(;[^\"]+)\"").Groups[1].Value;

        var floor = new Npgsql.NpgsqlConnectionStringBuilder("Host=db" + suffix);

        Assert.That((floor.MaxAutoPrepare, floor.NoResetOnClose), Is.EqualTo((store.MaxAutoPrepare, store.NoResetOnClose)), suffix);
    }

    [Test]
    public async Task On_postgresql_a_connection_given_back_without_a_reset_still_drops_its_open_transaction()
    {
        await using var database = await StoreDatabase.CreateAsync(ItemsDatabaseSettings.Postgres);
        // The store's connection string, in a pool of its own: one connection, given back and taken again.
        var connectionString = database.Services.GetRequiredService<ItemStoreTarget>().ConnectionString + ";Application Name=left open";
        int leftOpenBy;
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            leftOpenBy = connection.ProcessID;
            await using var command = new Npgsql.NpgsqlCommand(
                "BEGIN; SET LOCAL statement_timeout = '4321ms'; INSERT INTO items (name, price_cents, created_at, updated_at, version) VALUES ('left open', 0, now(), now(), 1)",
                connection);
            await command.ExecuteNonQueryAsync();
        } // Given back to the pool inside its transaction.

        await using (var reused = new Npgsql.NpgsqlConnection(connectionString))
        {
            await reused.OpenAsync();
            await using var show = new Npgsql.NpgsqlCommand("SHOW statement_timeout", reused);

            Assert.That(reused.ProcessID, Is.EqualTo(leftOpenBy), "the same connection");
            Assert.That(await show.ExecuteScalarAsync(), Is.Not.EqualTo("4321ms"));
        }

        Assert.That((await database.Store.ListAsync(null, 10)).Items, Is.Empty, "the row of the transaction left open is not kept");
    }

    [TestCase("Database:Provider", "MySql", "Invalid setting Database:Provider='MySql': must be Sqlite or Postgres (in any case).")]
    [TestCase("Database:Provider", "", "Invalid setting Database:Provider='': must be Sqlite or Postgres (in any case).")]
    [TestCase("Database:TimeoutSeconds", "0", "Invalid setting Database:TimeoutSeconds='0': must be a number of seconds from 1 to 300.")]
    [TestCase("Database:TimeoutSeconds", "301", "Invalid setting Database:TimeoutSeconds='301': must be a number of seconds from 1 to 300.")]
    [TestCase("ConnectionStrings:Items", "Data Sorce=items.db", $"Invalid setting ConnectionStrings:Items='(not shown)': {SqliteExpected}.")]
    [TestCase("ConnectionStrings:Items", "Data Source=", $"Invalid setting ConnectionStrings:Items='(not shown)': {SqliteExpected} (writable, not in memory).")]
    [TestCase("ConnectionStrings:Items", "Data Source=:memory:", $"Invalid setting ConnectionStrings:Items='(not shown)': {SqliteExpected} (writable, not in memory).")]
    [TestCase("ConnectionStrings:Items", "Data Source=items.db;Mode=Memory", $"Invalid setting ConnectionStrings:Items='(not shown)': {SqliteExpected} (writable, not in memory).")]
    [TestCase("ConnectionStrings:Items", "Data Source=items.db;Mode=ReadOnly", $"Invalid setting ConnectionStrings:Items='(not shown)': {SqliteExpected} (writable, not in memory).")]
    public async Task A_setting_the_store_cannot_use_is_refused_with_one_line_that_shows_no_connection_string(string key, string value, string line) =>
        Assert.That(await RefusalsAsync((key, value)), Is.EqualTo(new[] { line }));

    [TestCase("Hots=db;Password=secret", $"Invalid setting ConnectionStrings:Items='(not shown)': {PostgresExpected}.")]
    [TestCase("Database=items;Password=secret", $"Invalid setting ConnectionStrings:Items='(not shown)': {PostgresExpected} (with a Host).")]
    public async Task A_postgresql_connection_string_without_a_server_is_refused_without_showing_it(string connectionString, string line) =>
        Assert.That(await RefusalsAsync(("Database:Provider", "postgres"), ("ConnectionStrings:Items", connectionString)), Is.EqualTo(new[] { line }));

    [Test]
    public async Task An_unknown_provider_is_refused_alone_whatever_the_connection_string() =>
        Assert.That(await RefusalsAsync(("Database:Provider", "MySql"), ("ConnectionStrings:Items", "Hots=db")),
            Is.EqualTo(new[] { "Invalid setting Database:Provider='MySql': must be Sqlite or Postgres (in any case)." }));

    [TestCase("sqlite", "Data Source=items.db", ItemsDatabaseSettings.Sqlite)]
    [TestCase("SQLite", "Data Source=items.db;Mode=ReadWrite", ItemsDatabaseSettings.Sqlite)]
    [TestCase("Sqlite", "Data Source=items.db;Mode=ReadWriteCreate", ItemsDatabaseSettings.Sqlite)]
    [TestCase("POSTGRES", "Host=db;Database=items", ItemsDatabaseSettings.Postgres)]
    [TestCase("postgres", "Host=db", ItemsDatabaseSettings.Postgres)]
    public async Task A_provider_in_any_case_with_a_connection_string_it_can_use_is_taken(string provider, string connectionString, string taken)
    {
        var settings = new[] { ("Database:Provider", provider), ("ConnectionStrings:Items", connectionString), ("Database:TimeoutSeconds", "300") };
        Assert.That(await RefusalsAsync(settings), Is.Empty);

        await using var database = StoreDatabase.Create(ItemsDatabaseSettings.Sqlite, settings);
        Assert.That(database.Services.GetRequiredService<IOptions<ItemsDatabaseSettings>>().Value.ProviderName, Is.EqualTo(taken));
        Assert.That(database.Services.GetRequiredService<ItemStoreTarget>().Provider, Is.EqualTo(taken));
    }

    [Test]
    public async Task The_shortest_timeout_is_taken() =>
        Assert.That(await RefusalsAsync(("Database:TimeoutSeconds", "1")), Is.Empty);
}
