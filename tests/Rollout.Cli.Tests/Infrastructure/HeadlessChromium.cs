using System;
using System.IO;
using Rollout.TestSupport;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// Debian's <c>chromium</c>, headless, taking a screenshot of a file as a person's browser would show it. Installs
/// nothing: without the browser it fails with the one command to run (<c>scripts/install-test-services.sh</c>).
/// </summary>
public static class HeadlessChromium
{
    public static void Screenshot(string file, string png, int width, int height)
    {
        var chromium = Executables.Find("chromium") ?? throw new InvalidOperationException("The chart test needs a real browser (chromium on the PATH) and it is not installed. Run: scripts/install-test-services.sh");
        var run = Command.RunProgram(chromium, Path.GetDirectoryName(png)!, TimeSpan.FromMinutes(2),
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--window-size=" + width + "," + height, "--screenshot=" + png, new Uri(file).AbsoluteUri);
        if (!File.Exists(png)) throw new InvalidOperationException("chromium wrote no screenshot:\n" + run.Describe());
    }
}
