using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ItemsFloor;

/// <summary>An item as the body of a POST or PUT gives it.</summary>
internal sealed record ItemInput(string? Name, string? Description, decimal? Price);

[JsonSerializable(typeof(ItemInput))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
internal sealed partial class FloorJson : JsonSerializerContext;

/// <summary>Fields checked by the API's rules, the price in cents as the column holds it.</summary>
internal sealed record ItemFields(string Name, string? Description, long PriceCents);

internal sealed record ItemRow(long Id, string Name, string? Description, long PriceCents, DateTime CreatedAt, DateTime UpdatedAt, long Version);

/// <summary>
/// The items table through the plain ADO.NET driver: one statement per operation, the API store's (docs/design.md,
/// "Items: storage"), each on a pooled connection opened for it. Writes take turns when <paramref name="writerTurn"/>
/// is given, as the API's store does on SQLite.
/// </summary>
internal abstract class ItemTable(SemaphoreSlim? writerTurn)
{
    private const string Columns = "id, name, description, price_cents, created_at, updated_at, version";
    private const string FindSql = $"SELECT {Columns} FROM items WHERE id = @id LIMIT 1";
    private const string PageSql = $"SELECT {Columns} FROM items WHERE id > @after ORDER BY id LIMIT @take";
    private const string AddSql = """
        INSERT INTO items (name, description, price_cents, created_at, updated_at, version)
        VALUES (@name, @description, @price_cents, @now, @now, 1) RETURNING id
        """;
    private const string ReplaceSql = $"""
        UPDATE items SET name = @name, description = @description, price_cents = @price_cents, updated_at = @now, version = version + 1
        WHERE id = @id AND version = @version RETURNING {Columns}
        """;
    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM items WHERE id = @id)";

    public async Task<ItemRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, FindSql, ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<List<ItemRow>> PageAsync(long after, int take, CancellationToken cancellationToken)
    {
        var rows = new List<ItemRow>(take);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, PageSql, ("after", after), ("take", take));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<ItemRow> AddAsync(ItemFields fields, DateTime now, CancellationToken cancellationToken)
    {
        if (writerTurn is not null) await writerTurn.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, AddSql,
                ("name", fields.Name), ("description", (object?)fields.Description ?? DBNull.Value), ("price_cents", fields.PriceCents), ("now", Stored(now)));
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new ItemRow(id, fields.Name, fields.Description, fields.PriceCents, now, now, 1);
        }
        finally
        {
            writerTurn?.Release();
        }
    }

    /// <summary>The item as replaced, or null and whether it still exists when its version was no longer <paramref name="version"/>.</summary>
    public async Task<(ItemRow? Replaced, bool Exists)> ReplaceAsync(long id, long version, ItemFields fields, DateTime now, CancellationToken cancellationToken)
    {
        if (writerTurn is not null) await writerTurn.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using (var command = Command(connection, ReplaceSql,
                ("name", fields.Name), ("description", (object?)fields.Description ?? DBNull.Value), ("price_cents", fields.PriceCents), ("now", Stored(now)),
                ("id", id), ("version", version)))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken)) return (Read(reader), true);
            }

            await using var exists = Command(connection, ExistsSql, ("id", id));
            return (null, Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
        }
        finally
        {
            writerTurn?.Release();
        }
    }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A time as the created_at and updated_at columns hold it.</summary>
    protected abstract object Stored(DateTime utc);

    protected abstract DateTime ReadTime(DbDataReader reader, int ordinal);

    private static DbCommand Command(DbConnection connection, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private ItemRow Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3),
        ReadTime(reader, 4), ReadTime(reader, 5), reader.GetInt64(6));
}

/// <summary>
/// SQLite through Microsoft.Data.Sqlite, with the bundled e_sqlite3 the API's EF Core provider uses: WAL (kept in the
/// file) and synchronous FULL, both checked at start, and one writer at a time in the process, as the API's store.
/// </summary>
internal sealed class SqliteItemTable : ItemTable
{
    private readonly string _connectionString;

    private SqliteItemTable(string connectionString)
        : base(new SemaphoreSlim(1, 1)) => _connectionString = connectionString;

    public static async Task<SqliteItemTable> OpenAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        var journal = (string?)await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (journal != "wal" || synchronous != 2)
        {
            throw new InvalidOperationException($"The database is not as the API keeps it: journal_mode {journal}, synchronous {synchronous} (WAL and 2, FULL, expected).");
        }

        return new SqliteItemTable(connectionString);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override object Stored(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    protected override DateTime ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.UnixEpoch.Ticks + (reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

/// <summary>PostgreSQL through Npgsql's data source (its connection pool); PostgreSQL orders concurrent writes itself.</summary>
internal sealed class PostgresItemTable(string connectionString) : ItemTable(writerTurn: null)
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override object Stored(DateTime utc) => utc;

    protected override DateTime ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal);
}
