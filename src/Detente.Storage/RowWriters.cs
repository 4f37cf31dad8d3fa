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

    /// <summary>
    /// Rows for one table, inserted with multi-row <c>INSERT … VALUES (…), (…)</c> statements of up to the store's
    /// <see cref="RowsPerInsert"/> rows, prepared once and reused.
    /// </summary>
    private sealed class RowBuffer : RowWriter
    {
        private readonly int _rowsPerStatement;
        private readonly DbRecordStore _store;
        private readonly DbTransaction _tx;
        private readonly string _table;
        private readonly string[] _columns;
        private readonly List<object[]> _rows = [];
        private DbCommand? _full;

        public RowBuffer(DbRecordStore store, DbTransaction tx, string table, params string[] columns)
        {
            _store = store;
            _rowsPerStatement = store.RowsPerInsert;
            _tx = tx;
            _table = table;
            _columns = columns;
        }

        public override void Add(object[] values)
        {
            _rows.Add(values);
            if (_rows.Count == _rowsPerStatement)
            {
                _full ??= Create(_rowsPerStatement);
                Execute(_full);
            }
        }

        public override void Flush()
        {
            if (_rows.Count > 0)
            {
                using var command = Create(_rows.Count);
                Execute(command);
            }
        }

        private DbCommand Create(int rows)
        {
            var command = _store.Connection.CreateCommand();
            command.Transaction = _tx;
            var sql = new System.Text.StringBuilder($"INSERT INTO {_table} ({string.Join(", ", _columns)}) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++)
                {
                    var p = command.CreateParameter();
                    p.ParameterName = $"p{r}_{c}";
                    command.Parameters.Add(p);
                    sql.Append(c == 0 ? "@" : ", @").Append(p.ParameterName);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            return command;
        }

        private void Execute(DbCommand command)
        {
            for (var r = 0; r < _rows.Count; r++)
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    var p = command.Parameters[(r * _columns.Length) + c];
                    p.Value = _rows[r][c];
                    if (_rows[r][c] is byte[] && p.DbType != DbType.Binary)
                    {
                        p.DbType = DbType.Binary;
                    }
                }
            }

            command.ExecuteNonQuery();
            _rows.Clear();
        }

        public override void Dispose() => _full?.Dispose();
    }
}
