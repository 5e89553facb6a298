// Picking an event on the "as of" page fills the instant field with the time it happened (the link still
// works without this script: it opens the page at that instant).
document.addEventListener('click', function (event) {
    var pick = event.target.closest('a.pick');
    var field = document.getElementById('at');
    if (!pick || !field || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
    }
    event.preventDefault();
    field.value = new URL(pick.href).searchParams.get('at');
    field.focus();
    document.querySelectorAll('tr.picked').forEach(function (row) { row.classList.remove('picked'); });
    pick.closest('tr').classList.add('picked');
});
