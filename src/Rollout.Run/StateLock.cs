using System;
using System.IO;
using System.Threading;

namespace Rollout.Run;

/// <summary>
/// One writer of a state file at a time: <c>rollout run</c> during an evaluation, <c>rollout approve</c> while it records.
/// An exclusive open of <c>&lt;state&gt;.lock</c> (.NET takes an advisory lock on it); the kernel releases it when a holder is killed.
/// </summary>
public sealed class StateLock : IDisposable
{
    private readonly FileStream _stream;

    private StateLock(FileStream stream) => _stream = stream;

    public static StateLock Take(string statePath, TimeSpan? patience = null)
    {
        var path = statePath + ".lock";
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return new StateLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (DirectoryNotFoundException)
            {
                throw new RunInputException(statePath + ": the state file's folder does not exist; create it or pass another --state path.");
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
            catch (IOException error)
            {
                throw new RunInputException(path + ": another rollout run or approve holds this release's lock (" + error.Message.TrimEnd('.') + "); try again when it is done.");
            }
            catch (UnauthorizedAccessException error)
            {
                throw new RunInputException(path + ": cannot open the release's lock (" + error.Message.TrimEnd('.') + ").");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
