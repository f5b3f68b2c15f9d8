using System.Runtime.InteropServices;

namespace CleanseBot.LiveKnowledge;

/// <summary>
/// SIGHUP reloads the knowledge, as it makes nginx or sshd reread their configuration: <c>kill -HUP PID</c>, or
/// <c>docker kill --signal HUP</c>, after copying new files into a container whose folder is not watched. Handled,
/// the signal no longer ends the process, which is its default.
/// </summary>
internal sealed class ReloadOnHangup(KnowledgeReloader reloader) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
            {
                signal.Cancel = true;
                _ = reloader.ReloadAsync("SIGHUP", CancellationToken.None);
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }
}
