using System.Data;
using System.Data.Common;
using System.Globalization;
using Detente.Core;
using Detente.Record;
using Detente.Record.Admission;
using Detente.Record.Canonical;
using Detente.Record.Driver;
using Detente.Record.Keys;
using Detente.Record.Merkle;
using Detente.Record.Notes;
using Detente.Record.Proofs;
using Detente.Record.Statements;
using Detente.Record.Witness;

namespace Detente.Storage;

/// <summary>How rows are written in bulk inside a write transaction.</summary>
public abstract partial class DbRecordStore
{
    /// <summary>Rows for one table, written within a write transaction; <see cref="Flush"/> writes what is left.</summary>
    private protected abstract class RowWriter : IDisposable
    {
        /// <summary>Adds one row: values in column order (long, int, string or byte[]).</summary>
        public abstract void Add(object[] values);

        /// <summary>Writes any rows not yet written.</summary>
        public abstract void Flush();

        /// <inheritdoc/>
        public virtual void Dispose()
        {
        }
    }
}
