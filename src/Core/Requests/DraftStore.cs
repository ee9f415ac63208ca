using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MobilnyUrzednik.Core.Data;

namespace MobilnyUrzednik.Core.Requests;

/// <summary>Keeps half-filled requests on the server between pages, and forgets them after a while.</summary>
public sealed class DraftStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long an untouched draft is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts an empty draft and returns its key.</summary>
    public async Task<string> CreateAsync(CancellationToken ct = default)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var started = Serialize(new RequestAnswers { StartedAt = now });
        db.RequestDrafts.Add(new RequestDraft { Key = key, AnswersJson = started, UpdatedAt = now });

        // Old drafts go when new ones come: cheap, and no personal data outlives its day.
        var cutoff = clock.GetUtcNow() - Lifetime;
        await db.SaveChangesAsync(ct);
        await db.RequestDrafts.Where(d => d.UpdatedAt < cutoff).ExecuteDeleteAsync(ct);
        return key;
    }

    /// <summary>The draft under <paramref name="key"/>, or null when there is none (or it expired).</summary>
    public async Task<LoadedDraft?> LoadAsync(string? key, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 64)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var draft = await db.RequestDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null || draft.UpdatedAt < clock.GetUtcNow() - Lifetime)
        {
            return null;
        }

        var answers = JsonSerializer.Deserialize<RequestAnswers>(draft.AnswersJson, Json) ?? new RequestAnswers();
        return new LoadedDraft(draft.Key, answers, draft.SubmittedRequestId);
    }

    /// <summary>Saves the answers; refused (false) once the draft has been sent.</summary>
    public async Task<bool> SaveAsync(string key, RequestAnswers answers, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = JsonSerializer.Serialize(answers, Json);
        var updated = await db.RequestDrafts
            .Where(d => d.Key == key && d.SubmittedRequestId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.AnswersJson, json).SetProperty(d => d.UpdatedAt, clock.GetUtcNow()), ct);
        return updated == 1;
    }

    /// <summary>Forgets a draft (e.g. "start again").</summary>
    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.RequestDrafts.Where(d => d.Key == key).ExecuteDeleteAsync(ct);
    }

    internal static string Serialize(RequestAnswers answers) => JsonSerializer.Serialize(answers, Json);
}

/// <summary>A draft as read back: its key, the answers so far, and the request it became, if sent.</summary>
public sealed record LoadedDraft(string Key, RequestAnswers Answers, int? SubmittedRequestId);
