using Microsoft.Data.Sqlite;

namespace MobilnyUrzednik.Durability;

/// <summary>Reads a database file directly, as an administrator with the sqlite3 shell would, not through the app (never creating one).</summary>
internal static class SqliteFile
{
    /// <summary>The first line of <c>PRAGMA integrity_check</c>: "ok" for a sound file.</summary>
    public static async Task<string> IntegrityCheckAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Every row of <paramref name="table"/> by its Id, each column written out with its storage type, so two files can be compared exactly.</summary>
    public static async Task<Dictionary<long, string>> RowsAsync(string path, string table)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY Id;";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new Dictionary<long, string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? $"{reader.GetName(i)}=NULL" : $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}");
            rows.Add(reader.GetInt64(reader.GetOrdinal("Id")), string.Join(" | ", columns));
        }

        return rows;
    }

    /// <summary>How many rows <paramref name="table"/> holds.</summary>
    public static async Task<long> CountAsync(string path, string table)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\";";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The tracking codes stored in the file.</summary>
    public static async Task<HashSet<string>> TrackingCodesAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TrackingCode FROM VisitRequests;";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
