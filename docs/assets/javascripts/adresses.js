/* A partner's link objectifs/<objectif>/#<quartier>--<action> keeps working when the action
   is shown on another page of a long objectif: the page marks itself with
   data-cdv-actions-vers (the way to the quartier pages), and an anchor it does not hold is
   sent to the action in its quartier's page, which every action has. */
(function () {
  function follow() {
    var marker = document.querySelector("[data-cdv-actions-vers]");
    if (!marker || !location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var parts = /^(.+?)--(.+)$/.exec(id);
    if (parts && !document.getElementById(id)) {
      location.replace(marker.getAttribute("data-cdv-actions-vers") + parts[1] + "/#action-" + parts[2]);
    }
  }
  follow();
})();
