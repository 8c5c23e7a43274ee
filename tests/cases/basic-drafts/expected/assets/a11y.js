/* 适老化 large-text mode: the header checkbox works without JavaScript (CSS :has);
   this script only remembers the choice across pages (localStorage) and marks
   <html class="large"> for browsers without :has. */
(function () {
	'use strict';
	var KEY = 'gk-large', box = document.getElementById('large-mode'), on = false;
	try { on = window.localStorage.getItem(KEY) === '1'; } catch (e) { /* storage off */ }
	function apply(v) {
		document.documentElement.classList.toggle('large', v);
		if (box) box.checked = v;
	}
	apply(on);
	if (box) box.addEventListener('change', function () {
		apply(box.checked);
		try { window.localStorage.setItem(KEY, box.checked ? '1' : '0'); } catch (e) { /* storage off */ }
	});
}());
