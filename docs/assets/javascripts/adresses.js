/* A partner's link objectifs/<objectif>/#<quartier>--<action> keeps working when the action
   is shown on another page of a long objectif: page 1 marks itself with data-cdv-actions-vers
   (the way to the quartier pages), and an anchor it does not hold is sent to the action in its
   quartier's page, which every action has. In an agglomeration's site (data-cdv-communes) the
   anchors name the commune first: #<commune>--<quartier>--<action> leads to
   #<commune>--action-<action>, and #<commune>--<quartier> to the quartier's page. */
(function () {
  function follow() {
    var marker = document.querySelector("[data-cdv-actions-vers]");
    if (!marker || !location.hash) return;
    var id = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(id)) return;
    var to = marker.getAttribute("data-cdv-actions-vers");
    if (marker.hasAttribute("data-cdv-communes")) {
      var action = /^(.+?)--(.+?)--(.+)$/.exec(id);
      var quartier = /^(.+?)--(.+)$/.exec(id);
      if (action) location.replace(to + action[2] + "/#" + action[1] + "--action-" + action[3]);
      else if (quartier) location.replace(to + quartier[2] + "/");
      return;
    }
    var parts = /^(.+?)--(.+)$/.exec(id);
    if (parts) location.replace(to + parts[1] + "/#action-" + parts[2]);
  }
  follow();
})();
