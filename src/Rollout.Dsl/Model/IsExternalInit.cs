// Lets records and init accessors compile for netstandard2.0 without a package.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
