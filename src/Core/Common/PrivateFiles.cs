namespace MobilnyUrzednik.Core.Common;

/// <summary>
/// Files that hold residents' data — the database and its WAL, backups, development copies of messages — are made
/// readable by the service's own user only: files 0600, the folders we create 0700 (on Unix; Windows keeps the
/// folder's ACL). SQLite gives its -wal, -shm and -journal files the database file's mode, so a database created
/// (or tightened) here brings them along.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw------- (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ (0700).</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly string[] SqliteCompanions = ["-wal", "-shm", "-journal"];

    /// <summary>Creates <paramref name="folder"/> (and any missing parents) as 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Each missing level gets the mode (CreateDirectory gives it to the last one only).
            var missing = new Stack<string>();
            for (var at = Path.GetFullPath(folder); !string.IsNullOrEmpty(at) && !Directory.Exists(at); at = Path.GetDirectoryName(at))
            {
                missing.Push(at);
            }

            while (missing.TryPop(out var level))
            {
                Directory.CreateDirectory(level, FolderMode);
            }
        }
    }

    /// <summary>Opens a new file for writing as 0600; fails when it exists.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Writes (or replaces) a text file as 0600.</summary>
    public static async Task WriteAllLinesAsync(string path, IEnumerable<string> lines, CancellationToken ct = default)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), ct);
            }
        }

        Restrict(path);
    }

    /// <summary>
    /// Before SQLite opens <paramref name="databaseFile"/>: creates it empty as 0600 when it does not exist (so SQLite's
    /// companions follow), and tightens an existing one and its companions to 0600.
    /// </summary>
    public static void PrepareSqliteFile(string databaseFile)
    {
        if (!File.Exists(databaseFile))
        {
            using (CreateNew(databaseFile))
            {
            }

            return;
        }

        Restrict(databaseFile);
        foreach (var suffix in SqliteCompanions)
        {
            Restrict(databaseFile + suffix);
        }
    }

    /// <summary>Sets an existing file to 0600 (a replaced file keeps its old mode otherwise).</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            try
            {
                File.SetUnixFileMode(path, FileMode);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new InvalidOperationException($"{path} belongs to another system user, so it cannot be made readable by this one only. Run the public site and the kiosk as the same user, the owner of the database.", e);
            }
        }
    }
}
