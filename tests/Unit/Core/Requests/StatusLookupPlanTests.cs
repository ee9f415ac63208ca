using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MobilnyUrzednik.Core.Audit;
using MobilnyUrzednik.Core.Data;
using Microsoft.Extensions.Options;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>
/// The status look-up must not grow with the database: the engine's own plan of every command the look-up sends
/// (the SQL EF generates, with its parameters) may read Visits and RequestHistory only through an index on the
/// request's key, never by a full pass nor by an index every booked visit shares. On SQLite
/// that is <c>EXPLAIN QUERY PLAN</c>; on PostgreSQL <c>EXPLAIN</c> with sequential scans priced out
/// (<c>enable_seqscan = off</c>), because on a nearly empty table a sequential scan is the cheaper plan and says
/// nothing about a large one — with it off, a table that has no usable index is still scanned, and that shows.
/// </summary>
public class StatusLookupPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindAsync_QueryPlan_ReadsVisitsAndHistoryOnlyByTheRequestsKey()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock();
        var code = await StatusLookupTests.SubmitAsync(database, clock, SampleAnswers.ForSelf());
        var commands = new ConcurrentQueue<SentCommand>();
        var factory = new RecordingFactory(database, commands);
        var limiter = new StatusLookupLimiter(new InMemoryStatusLookupCounter(clock), Options.Create(new StatusLookupOptions()), new AuditLog(database, clock), clock);

        var view = await new StatusLookup(factory, limiter).FindAsync(code, "0200", Ct);

        Assert.NotNull(view);
        var queries = commands.Where(c => c.CommandText.Contains("Visits", StringComparison.Ordinal) || c.CommandText.Contains("RequestHistory", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(queries);
        var plans = new List<string>();
        foreach (var command in queries)
        {
            plans.Add(await ExplainAsync(database, command));
        }

        foreach (var plan in plans)
        {
            Assert.False(ScansTable(database.Provider, plan, "Visits") || ScansTable(database.Provider, plan, "RequestHistory"),
                "A full scan in the status look-up's plan:\n" + string.Join("\n---\n", plans));
        }
    }

    /// <summary>The engine's plan of <paramref name="command"/>, one line per step, tables named (not aliased).</summary>
    private static async Task<string> ExplainAsync(TestDatabase database, SentCommand command)
    {
        await using var db = database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Ct);
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = (database.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (VERBOSE) ") + command.CommandText;
        foreach (var (name, value, type) in command.Parameters)
        {
            var copy = explain.CreateParameter();
            copy.ParameterName = name;
            copy.Value = value;
            copy.DbType = type;
            explain.Parameters.Add(copy);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            // SQLite: id, parent, notused, detail. PostgreSQL: one column of text.
            lines.Add(reader.GetString(reader.FieldCount - 1));
        }

        return command.CommandText + "\n" + string.Join('\n', lines);
    }

    /// <summary>
    /// Whether the plan reads <paramref name="table"/> other than by the request's key (VisitRequestId): a full pass
    /// (SQLite <c>SCAN</c>, also <c>SCAN … USING INDEX</c>; PostgreSQL <c>Seq Scan</c>) or an index on something else
    /// (say the visit's state, which every booked visit in the database shares) both grow with the table.
    /// </summary>
    private static bool ScansTable(DatabaseProvider provider, string plan, string table)
    {
        // The SQL comes first; none of its lines looks like a plan step.
        var steps = plan.Split('\n');
        if (provider == DatabaseProvider.Sqlite)
        {
            var aliases = Aliases(plan, table);
            return steps.Select(s => s.Trim())
                .Where(s => (s.StartsWith("SCAN ", StringComparison.Ordinal) || s.StartsWith("SEARCH ", StringComparison.Ordinal))
                    && aliases.Contains(s.Split(' ')[1].Trim('"')))
                .Any(s => !s.StartsWith("SEARCH ", StringComparison.Ordinal) || !s.Contains("VisitRequestId=", StringComparison.Ordinal));
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (!steps[i].Contains($" on public.\"{table}\"", StringComparison.Ordinal))
            {
                continue;
            }

            if (steps[i].Contains("Seq Scan", StringComparison.Ordinal))
            {
                return true;
            }

            // The node's own lines and its children (a bitmap scan's index scans) are indented deeper than it.
            var depth = steps[i].Length - steps[i].TrimStart().Length;
            var block = steps.Skip(i + 1).TakeWhile(s => s.Length - s.TrimStart().Length > depth);
            if (!block.Any(s => s.Contains("Index Cond:", StringComparison.Ordinal) && s.Contains("\"VisitRequestId\" =", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    // The names a table goes by in the SQL: itself and every alias EF gave it ("Visits" AS v).
    private static HashSet<string> Aliases(string sql, string table)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { table };
        var marker = $"\"{table}\" AS ";
        for (var at = sql.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            names.Add(new string(sql[(at + marker.Length)..].TakeWhile(c => char.IsLetterOrDigit(c) || c == '_' || c == '"').ToArray()).Trim('"'));
        }

        return names;
    }

    /// <summary>What EF sent: the SQL and its parameters, copied while the command was alive.</summary>
    private sealed record SentCommand(string CommandText, IReadOnlyList<(string Name, object? Value, System.Data.DbType Type)> Parameters);

    private sealed class RecordingFactory(TestDatabase database, ConcurrentQueue<SentCommand> commands) : IDbContextFactory<AppDbContext>
    {
        private readonly DbContextOptions<AppDbContext> _options = database.OptionsWith(new CommandRecorder(commands));

        public AppDbContext CreateDbContext() => new(_options);
    }

    private sealed class CommandRecorder(ConcurrentQueue<SentCommand> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(new SentCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value, p.DbType))]));
            return ValueTask.FromResult(result);
        }
    }
}
