// Tests share no state, but the guard tests run dotnet build and the lab tests own the
// namespaces they create: run classes one after another.
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
