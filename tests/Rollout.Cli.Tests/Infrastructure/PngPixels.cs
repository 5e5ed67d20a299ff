using System;
using System.IO;
using System.IO.Compression;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// The pixels of a PNG as a browser writes a screenshot: 8-bit RGB or RGBA, not interlaced (what the test needs; anything
/// else is refused with the reason). Decoded here so the test depends on no imaging package.
/// </summary>
public sealed class PngPixels
{
    private readonly byte[] _rgb;

    private PngPixels(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        _rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * Width + x) * 3;
        return (_rgb[i], _rgb[i + 1], _rgb[i + 2]);
    }

    public static PngPixels Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || bytes[0] != 0x89 || bytes[1] != (byte)'P') throw new InvalidDataException(path + " is not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BigEndian(bytes, at);
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            if (type == "IHDR")
            {
                width = BigEndian(bytes, at + 8);
                height = BigEndian(bytes, at + 12);
                var (depth, color, interlace) = (bytes[at + 16], bytes[at + 17], bytes[at + 20]);
                if (depth != 8 || (color != 2 && color != 6) || interlace != 0) throw new InvalidDataException(path + ": only 8-bit RGB(A), not interlaced, is read here (depth " + depth + ", colour type " + color + ", interlace " + interlace + ")");
                channels = color == 2 ? 3 : 4;
            }
            else if (type == "IDAT")
            {
                idat.Write(bytes, at + 8, length);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = new byte[stride];
            Array.Copy(raw, y * (stride + 1) + 1, line, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? line[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException(path + ": unknown PNG filter " + filter),
                });
            }
            for (var x = 0; x < width; x++) Array.Copy(line, x * channels, rgb, (y * width + x) * 3, 3);
            previous = line;
        }
        return new PngPixels(width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
}
